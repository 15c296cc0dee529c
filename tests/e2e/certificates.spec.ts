import fs from "node:fs";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { DEMO, e2eDatabase, expect, login, test, waitForHydration } from "./fixtures.ts";

// The seed leaves one graduate of both programmes, محمد العلي (m.alali@example.org, reading in Arabic),
// waiting in the approval queue for "IP Crime Investigator — Certified"; certified@example.org already
// holds all three certificates.
const GRADUATE = "m.alali@example.org";
const RULE = "ip-crime-investigator-certified";

function certificateOf(email: string, ruleId: string) {
  const db = e2eDatabase();
  const row = db
    .prepare(
      `SELECT c.number AS number, c.status AS status FROM Certificate c JOIN User u ON u.id = c.userId
       WHERE u.email = ? AND c.ruleId = ? ORDER BY c.createdAt DESC LIMIT 1`
    )
    .get(email, ruleId) as { number: string; status: string } | undefined;
  db.close();
  return row;
}

const WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

test.describe.configure({ mode: "serial" });

test("approve → download → verify → revoke → verify again, by number and by upload", async ({ browser }, info) => {
  // The administrator finds the graduate in the queue and approves.
  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await login(admin, DEMO.admin);
  await admin.goto("/admin/certificates");
  await expect(admin.getByRole("heading", { name: /awaiting approval/ })).toBeVisible();
  const row = admin.getByRole("row", { name: /محمد العلي/ });
  await expect(row).toContainText("IP Crime Investigator — Certified");
  await expect(row).toContainText("IP Crime Investigation — Introductory");
  await expect(row).toContainText("IP Crime Investigation — Intermediate");
  expect(certificateOf(GRADUATE, RULE)).toBeUndefined();
  await row.getByRole("button", { name: "Approve محمد العلي" }).click();
  await expect(admin.getByText("Approved: the certificate has been issued")).toBeVisible();
  await expect(admin.getByRole("row", { name: /محمد العلي/ })).toHaveCount(0);
  const issued = certificateOf(GRADUATE, RULE)!;
  expect(issued.status).toBe("issued");

  // The learner is told, and downloads the signed PDF from the dashboard (their home page).
  const learnerContext = await browser.newContext();
  const learner = await learnerContext.newPage();
  await login(learner, GRADUATE);
  await learner.goto("/dashboard");
  const card = learner.locator(".certificate-card", { hasText: issued.number });
  await expect(card).toContainText("محقق معتمد في جرائم الملكية الفكرية"); // the title, in Arabic
  await expect(learner.locator(".notification--unread").first()).toContainText(issued.number);
  const [download] = await Promise.all([
    learner.waitForEvent("download"),
    card.locator(`a[href="/certificates/${issued.number}/pdf"]`).click(),
  ]);
  const pdfPath = info.outputPath("certificate.pdf");
  await download.saveAs(pdfPath);
  const pdf = fs.readFileSync(pdfPath);
  expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
  expect(pdf.includes(Buffer.from("/SubFilter /ETSI.CAdES.detached"))).toBe(true);

  // Anyone, not logged in, sees it valid.
  const publicContext = await browser.newContext();
  const visitor = await publicContext.newPage();
  await visitor.goto(`/verify/${issued.number}?lng=en`);
  await expect(visitor.getByRole("heading", { name: "This certificate is valid" }).first()).toBeVisible();
  await expect(visitor.getByText("محمد العلي").first()).toBeVisible();
  await expect(visitor.getByText("m.alali@example.org")).toHaveCount(0); // only what the certificate states

  // The upload gives the same verdict.
  await visitor.getByLabel("Certificate PDF").setInputFiles(pdfPath);
  await visitor.getByRole("button", { name: "Check this PDF" }).click();
  await expect(visitor.getByText("Authentic and unmodified: this PDF was signed by the college")).toBeVisible();

  // The administrator revokes it, with the reason made public.
  await admin.goto(`/admin/certificates/${issued.number}`);
  await admin.getByLabel("Reason").first().fill("Issued on an enrolment later found to be fraudulent");
  await admin.getByLabel("Show the reason on the public verification page").check();
  await admin.getByRole("button", { name: "Revoke certificate" }).click();
  await expect(admin.getByText("The certificate has been revoked")).toBeVisible();
  expect(certificateOf(GRADUATE, RULE)!.status).toBe("revoked");

  // The public page now says revoked, with the date and the reason...
  await visitor.goto(`/verify/${issued.number}?lng=en`);
  await expect(visitor.getByRole("heading", { name: "This certificate has been revoked" }).first()).toBeVisible();
  await expect(visitor.getByText("Issued on an enrolment later found to be fraudulent")).toBeVisible();
  // ...and so does the upload of the same PDF: authentic, unmodified, but no longer valid.
  await visitor.getByLabel("Certificate PDF").setInputFiles(pdfPath);
  await visitor.getByRole("button", { name: "Check this PDF" }).click();
  await expect(visitor.getByText("Authentic and unmodified, but the certificate is no longer valid")).toBeVisible();
  await expect(
    visitor.locator(".upload-verdict").getByRole("heading", { name: "This certificate has been revoked" })
  ).toBeVisible();

  // The machine-readable verdict agrees.
  const api = await visitor.request.get(`/api/verify/${issued.number}`);
  expect(api.status()).toBe(200);
  expect(await api.json()).toMatchObject({ status: "revoked", number: issued.number });
  const upload = await visitor.request.post("/api/verify", {
    headers: { "content-type": "application/pdf" },
    data: pdf,
  });
  expect(await upload.json()).toMatchObject({ verdict: "authentic", current: false, status: "revoked" });

  // The holder no longer offers the revoked PDF; the audit log holds both events.
  await learner.goto("/dashboard");
  await expect(learner.locator(".certificate-card", { hasText: issued.number }).locator('a[href$="/pdf"]')).toHaveCount(
    0
  );
  const db = e2eDatabase();
  const actions = db
    .prepare("SELECT action FROM AuditLog WHERE targetId = ? ORDER BY createdAt")
    .all(issued.number)
    .map((r) => (r as { action: string }).action);
  db.close();
  expect(actions).toEqual(["certificate.issued", "certificate.revoked"]);
  await Promise.all([adminContext.close(), learnerContext.close(), publicContext.close()]);
});

test("the verifier gives a clear verdict for bad input, without JavaScript", async ({ browser }, info) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  // A mistyped number, a well-formed one never issued.
  await page.goto("/verify?lng=en");
  await page.getByRole("textbox", { name: "Certificate number" }).fill("PRV-2026-AAAAA-AAAAA");
  await page.getByRole("button", { name: "Check", exact: true }).click();
  await expect(page.getByRole("heading", { name: "This number has a typing error" })).toBeVisible();
  await page.goto("/verify/not-a-number?lng=en");
  await expect(page.getByRole("heading", { name: "This is not a certificate number" })).toBeVisible();

  // The certified demo holder's PDF, then the same with one byte changed, a PNG and an oversized file.
  const held = certificateOf("certified@example.org", RULE)!;
  const learner = await browser.newContext();
  const learnerPage = await learner.newPage();
  await login(learnerPage, "certified@example.org");
  const response = await learnerPage.request.get(`/certificates/${held.number}/pdf?lng=en`);
  expect(response.status()).toBe(200);
  const pdf = Buffer.from(await response.body());
  await learner.close();

  const changed = Buffer.from(pdf);
  const at = changed.indexOf("/Type /Page");
  changed[at + 2] = "X".charCodeAt(0);
  const files: [string, Buffer, string][] = [
    ["genuine.pdf", pdf, "Authentic and unmodified: this PDF was signed by the college"],
    ["changed.pdf", changed, "This PDF has been altered"],
    ["photo.pdf", Buffer.from("\x89PNG\r\n\x1a\n" + "x".repeat(100)), "This is not a PDF"],
    ["huge.pdf", Buffer.concat([Buffer.from("%PDF-1.7\n"), Buffer.alloc(3 * 1024 * 1024)]), "The file is too large"],
  ];
  for (const [name, bytes, verdict] of files) {
    const file = info.outputPath(name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, bytes);
    await page.goto(`/verify/${held.number}?lng=en`);
    await page.getByLabel("Certificate PDF").setInputFiles(file);
    await page.getByRole("button", { name: "Check this PDF" }).click();
    await expect(page.getByText(verdict), name).toBeVisible();
  }
  await context.close();
});

test("the JSON endpoints answer bad input with 4xx, and the keys are published", async ({ request }) => {
  expect((await request.get("/api/verify/PRV-2026-AAAAA-AAAAA")).status()).toBe(400);
  const forged = await request.get("/api/verify/not-a-number");
  expect(forged.status()).toBe(400);
  expect(await forged.json()).toEqual({ status: "malformed", reason: "format" });
  const wrongType = await request.post("/api/verify", { headers: { "content-type": "text/plain" }, data: "hello" });
  expect(wrongType.status()).toBe(400);
  const huge = await request.post("/api/verify", {
    headers: { "content-type": "application/pdf" },
    data: Buffer.alloc(3 * 1024 * 1024),
  });
  expect(huge.status()).toBe(413);
  expect(await huge.json()).toEqual({ verdict: "too-large" });
  const keys = await (await request.get("/keys")).json();
  expect(keys.keys[0]).toMatchObject({ kty: "OKP", crv: "Ed25519", status: "current" });
  expect(keys.pdfSigning.certificates.length).toBeGreaterThan(0);
  const wellKnown = await (await request.get("/.well-known/provenance-keys.json")).json();
  expect(wellKnown.keys).toEqual(keys.keys);
});

test("holders get their credential; nobody else gets their PDF", async ({ browser }) => {
  const held = certificateOf("certified@example.org", RULE)!;
  const holder = await browser.newContext();
  const page = await holder.newPage();
  await login(page, "certified@example.org");
  const credential = await page.request.get(`/certificates/${held.number}/credential.json`);
  expect(credential.status()).toBe(200);
  const vc = await credential.json();
  expect(vc.type).toEqual(["VerifiableCredential", "OpenBadgeCredential"]);
  expect(vc.credentialSubject.name ?? vc.credentialSubject.identifier).toBeTruthy();
  expect(vc.proof).toMatchObject({ type: "DataIntegrityProof", cryptosuite: "eddsa-jcs-2022" });
  await holder.close();
  const other = await browser.newContext();
  const stranger = await other.newPage();
  await login(stranger, DEMO.learner);
  expect((await stranger.request.get(`/certificates/${held.number}/pdf`)).status()).toBe(403);
  expect((await stranger.request.get(`/certificates/${held.number}/credential.json`)).status()).toBe(403);
  // The administrators' pages, asked for directly (document and data requests), give nothing away.
  for (const url of [
    `/admin/certificates/${held.number}`,
    `/admin/certificates/${held.number}.data`,
    "/admin/certificates.data",
  ]) {
    const response = await stranger.request.get(url);
    expect(response.status(), url).toBe(403);
    expect(await response.text(), url).not.toContain("certified@example.org");
  }
  await other.close();
});

test("certificate pages meet WCAG 2.2 AA automated checks", async ({ browser }) => {
  test.slow(); // eight axe scans and two sign-ins: a minute on a busy 2-core machine
  const held = certificateOf("certified@example.org", RULE)!;
  for (const [email, paths] of [
    [null, [`/verify?lng=en`, `/verify/${held.number}?lng=en`, `/verify/${held.number}?lng=ar`]],
    ["certified@example.org", ["/dashboard"]],
    [
      DEMO.admin,
      [
        "/admin/certificates",
        "/admin/certificates?view=issued",
        `/admin/certificates/${held.number}`,
        "/admin/certificates/issue",
      ],
    ],
  ] as const) {
    const context = await browser.newContext();
    const page = await context.newPage();
    if (email) await login(page, email);
    for (const p of paths) {
      await page.goto(p);
      await waitForHydration(page);
      const { violations } = await new AxeBuilder({ page }).withTags(WCAG).analyze();
      expect(
        violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`),
        p
      ).toEqual([]);
    }
    await context.close();
  }
});

test("an administrator issues in bulk with a progress bar, and gets field errors for bad input", async ({ page }) => {
  await login(page, DEMO.admin);
  await page.goto("/admin/certificates/issue");
  // One person: an address nobody has, and no reason.
  await page.getByLabel("Email address", { exact: true }).fill("nobody-here@example.org");
  await page.locator("#rule-one").selectOption("ip-crime-intermediate");
  await page.getByRole("button", { name: "Issue certificate" }).click();
  await expect(page.getByText("Give a reason (at least 3 characters).")).toBeVisible();
  await page.locator("#reason-one").fill("Completed the classroom course in Lyon");
  await page.getByRole("button", { name: "Issue certificate" }).click();
  await expect(page.getByText("No active account has this address.")).toBeVisible();

  // In bulk: three officers of the demo class, for the Intermediate programme they took in a classroom.
  await page.getByLabel("Email addresses").fill("officer01@example.org\nofficer02@example.org, officer03@example.org");
  await page.locator("#rule-bulk").selectOption("ip-crime-intermediate");
  await page.locator("#reason-bulk").fill("Classroom cohort, Lyon, October 2026");
  await page.getByRole("button", { name: "Start the batch" }).click();
  await expect(page).toHaveURL(/\/admin\/certificates\/batches\//);
  await expect(page.getByRole("heading", { name: "Issuing certificates" })).toBeVisible();
  await expect(page.getByText("Finished")).toBeVisible({ timeout: 15_000 });
  await expect(page.getByText("3 issued, 0 skipped, 0 failed")).toBeVisible();
  await expect(page.locator("#batch-progress")).toHaveAttribute("value", "3");
  for (const n of ["01", "02", "03"])
    expect(certificateOf(`officer${n}@example.org`, "ip-crime-intermediate")?.status).toBe("issued");

  // The same batch again: everyone already holds it, nothing is issued twice.
  await page.goto("/admin/certificates/issue");
  await page.getByLabel("Email addresses").fill("officer01@example.org");
  await page.locator("#rule-bulk").selectOption("ip-crime-intermediate");
  await page.locator("#reason-bulk").fill("Sent twice by mistake");
  await page.getByRole("button", { name: "Start the batch" }).click();
  await expect(page.getByText("0 issued, 1 skipped, 0 failed")).toBeVisible({ timeout: 15_000 });
  const db = e2eDatabase();
  const count = (
    db
      .prepare(
        "SELECT COUNT(*) AS n FROM Certificate c JOIN User u ON u.id = c.userId WHERE u.email = ? AND c.ruleId = ?"
      )
      .get("officer01@example.org", "ip-crime-intermediate") as { n: number }
  ).n;
  db.close();
  expect(count).toBe(1);
});
