import AxeBuilder from "@axe-core/playwright";
import { DEMO, e2eDatabase, expect, login, test, uniqueEmail, waitForHydration } from "./fixtures.ts";

const INTRO = "/courses/ip-crime-introductory";

test("a trainer creates a cohort and imports a 30-row class list whose 3 bad rows are reported", async ({ page }) => {
  await login(page, DEMO.trainer);
  await page.getByRole("link", { name: "Cohorts" }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: "Cohorts" })).toBeVisible();
  await page.getByLabel("Name of the cohort").fill("Kenya Revenue Authority, January 2027");
  await page.getByLabel("Country").selectOption("KE");
  await page.getByLabel("Language of the session").selectOption("en");
  await page.getByLabel("IP Crime Investigation — Introductory").check();
  await page.getByLabel("Starts on").fill("2027-01-11");
  await page.getByLabel("Ends on").fill("2027-03-05");
  await page.getByLabel("Places").fill("40");
  await page.getByRole("button", { name: "Create the cohort" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Kenya Revenue Authority, January 2027" })).toBeVisible();
  const cohortUrl = page.url();

  await page.getByRole("link", { name: "Import a class list" }).click();
  const run = uniqueEmail("x").split("@")[0];
  const good = Array.from(
    { length: 27 },
    (_, i) => `Officer ${i} ${run},k${i}-${run}@kra.example,Kenya Revenue Authority,KE,en`
  );
  const bad = [
    `Broken Address,broken-${run}-at-kra.example,Kenya Revenue Authority,KE,en`,
    `Twice Listed,k3-${run}@kra.example,Kenya Revenue Authority,KE,en`,
    `Unknown Country,u-${run}@kra.example,Kenya Revenue Authority,QQ,en`,
  ];
  const header = "name,email,agency,country,language";
  await page.getByLabel("Class list (CSV)").fill([header, ...good.slice(0, 5), ...bad, ...good.slice(5)].join("\n"));
  await page.getByRole("button", { name: "Check the list" }).click();
  await expect(
    page.getByText("27 new accounts, 0 existing accounts to enrol, 0 already members, 3 rows with problems.")
  ).toBeVisible();
  const flagged = page.locator("tr.is-flagged");
  await expect(flagged).toHaveCount(3);
  await expect(flagged.nth(0)).toContainText("Email: Enter a valid email address");
  await expect(flagged.nth(1)).toContainText("This address appears earlier in the file.");
  await expect(flagged.nth(2)).toContainText("Country: Choose a country from the list.");
  // Importing with the bad rows writes nothing.
  await page.getByRole("button", { name: "Import" }).click();
  await expect(page.getByText("Some rows have problems: correct or remove them, then import.")).toBeVisible();
  const db = e2eDatabase();
  const count = () =>
    (db.prepare("SELECT COUNT(*) AS n FROM User WHERE email LIKE ?").get(`%-${run}@kra.example`) as { n: number }).n;
  expect(count()).toBe(0);
  // Without them, the 27 are enrolled and invited.
  await page.getByLabel("Class list (CSV)").fill([header, ...good].join("\n"));
  await page.getByRole("button", { name: "Import" }).click();
  await expect(page).toHaveURL(new RegExp(`${new URL(cohortUrl).pathname}\\?imported=27`));
  await expect(page.getByText("27 people enrolled from the class list.")).toBeVisible();
  await expect(page.getByRole("heading", { name: "27 members" })).toBeVisible();
  expect(count()).toBe(27);
  db.close();
});

test("a learner joins by invitation link and the trainer's dashboard shows their progress", async ({ browser }) => {
  const trainerContext = await browser.newContext();
  const trainer = await trainerContext.newPage();
  await login(trainer, DEMO.trainer);
  await trainer.goto("/cohorts");
  await trainer.getByRole("link", { name: "Spain — Policía Nacional, autumn 2026" }).click();
  await expect(trainer.getByText(/needs? attention/).first()).toBeVisible();
  await trainer.getByRole("button", { name: "Create a link" }).click();
  const link = (await trainer.locator("code").textContent())!;
  expect(link).toMatch(/\/join\/[A-Za-z0-9_-]+$/);
  const cohortPath = new URL(trainer.url()).pathname;

  // A seeded officer who works in English and is in no cohort (registering here would spend the suite's
  // per-address sign-up limit).
  const learnerContext = await browser.newContext();
  const learner = await learnerContext.newPage();
  await login(learner, "k.mensah@example.org");
  await learner.goto(new URL(link).pathname);
  await learner.getByRole("button", { name: /^Join / }).click();
  await expect(learner).toHaveURL(cohortPath);
  await expect(learner.getByRole("heading", { name: "Schedule" })).toBeVisible();
  await expect(learner.getByText("Opening: what IP crime is")).toBeVisible();
  await expect(learner.getByRole("table")).toHaveCount(0); // members see the schedule, not the others' progress

  const row = () => trainer.getByRole("row", { name: /Kwame Mensah/ });
  await trainer.reload();
  await expect(row().getByRole("cell").first()).toHaveText("0 %");

  // The learner completes the first lesson (its knowledge check).
  await learner.goto(`${INTRO}/ip-crimes/what-is-ip-crime`);
  const check = learner.locator(".block--check").first();
  await check.getByRole("radio").first().check();
  await check.getByRole("button", { name: "Check my answer" }).click();
  await expect(check.getByRole("status")).toBeVisible();

  await trainer.reload();
  await expect(row().getByRole("cell").first()).not.toHaveText("0 %");
  await expect(row().getByRole("cell").first()).toHaveText(/^[1-9]\d* %$/);
  await Promise.all([trainerContext.close(), learnerContext.close()]);
});

test("nobody else can read or change a cohort, by link or by direct request", async ({ browser }) => {
  const trainer = await browser.newContext();
  const page = await trainer.newPage();
  await login(page, DEMO.trainer);
  await page.goto("/cohorts");
  await page.getByRole("link", { name: "Spain — Policía Nacional, autumn 2026" }).click();
  await expect(page).toHaveURL(/\/cohorts\/[^/]+$/);
  const path = new URL(page.url()).pathname;
  await trainer.close();

  const context = await browser.newContext();
  const stranger = await context.newPage();
  await login(stranger, "joana.silva@example.org"); // in no cohort; answers are checked by status, not words
  for (const url of [path, `${path}.data`, `${path}/members.csv`, `${path}/import`]) {
    const response = await stranger.request.get(url);
    expect(response.status(), url).toBe(404);
    expect(await response.text(), url).not.toContain("learner@example.org");
  }
  await context.close();
});

test("cohort pages meet WCAG 2.2 AA automated checks", async ({ page }) => {
  await login(page, DEMO.trainer);
  await page.goto("/cohorts");
  await page.getByRole("link", { name: "Spain — Policía Nacional, autumn 2026" }).click();
  await expect(page).toHaveURL(/\/cohorts\/[^/]+$/);
  const path = new URL(page.url()).pathname;
  for (const url of ["/cohorts", path, `${path}/import`]) {
    await page.goto(url);
    await waitForHydration(page);
    const { violations } = await new AxeBuilder({ page })
      .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"])
      .analyze();
    expect(
      violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`),
      url
    ).toEqual([]);
  }
});
