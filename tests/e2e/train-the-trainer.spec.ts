import { DEMO, csrfFrom, expect, login, test } from "./fixtures.ts";

// The trainers' course: open only to holders of a current "IP Crime Investigator — Certified" certificate. The
// seed certifies Layla Haddad (certified@example.org), enrols her and has her submit the session plan; the demo
// learner holds no such certificate.
const COURSE = "/courses/train-the-trainer";

test("a learner without the certificate sees why the course is locked, and cannot enrol by posting", async ({
  page,
}) => {
  await login(page, DEMO.learner);
  await page.goto(COURSE);
  await expect(page.getByText("Trainer level")).toBeVisible();
  const lock = page.getByRole("note");
  await expect(lock.getByText("This course is locked")).toBeVisible();
  await expect(lock.getByText("IP Crime Investigator — Certified")).toBeVisible();
  await expect(lock.getByRole("link", { name: "See the path to becoming a certified trainer" })).toHaveAttribute(
    "href",
    "/pathways/trainer"
  );
  await expect(page.getByRole("button", { name: "Enrol and start" })).toHaveCount(0);
  // The assignments are listed under their modules, without links before enrolment.
  await expect(page.getByText("Draft a session plan")).toBeVisible();
  await expect(page.getByRole("link", { name: "Draft a session plan" })).toHaveCount(0);

  const csrf = await csrfFrom(page.request, COURSE);
  const response = await page.request.post(COURSE, { form: { csrf }, maxRedirects: 0 });
  expect(response.status()).toBe(403);
});

test("a certified investigator's outline lists each module's assignments with a link, status and due date", async ({
  page,
}) => {
  // Ngozi Eze (English) is enrolled; mentoring.spec.ts may have her write some of the work meanwhile.
  await login(page, "n.eze@example.org");
  await page.goto(COURSE);
  await expect(page.getByRole("note")).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Draft a session plan" })).toHaveAttribute(
    "href",
    `${COURSE}/assignments/draft-a-session-plan`
  );
  const assignments = page.getByRole("list", { name: "Assignments" });
  await expect(assignments).toHaveCount(2);
  await expect(assignments.last().getByRole("link", { name: "Assess a trainee's case analysis" })).toBeVisible();
  await expect(assignments.last()).toContainText(
    /· (not started|draft saved|submitted, awaiting review|revision requested) · due .*\d{4}/
  );
});

test("the learner's own submission status shows, in her language", async ({ page }) => {
  // Layla Haddad (Arabic) submitted the session plan in the seed; a mentor may have reviewed it since.
  await login(page, "certified@example.org");
  await page.goto(COURSE);
  const plan = page.getByRole("link", { name: "إعداد خطة دورة تدريبية" });
  await expect(plan).toHaveAttribute("href", `${COURSE}/assignments/draft-a-session-plan`);
  await expect(page.getByRole("list", { name: "المهام" }).first()).toContainText(
    /تم التسليم، في انتظار المراجعة|مطلوب تعديل|تمت الموافقة/
  );
});
