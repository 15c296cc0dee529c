import { DEMO, e2eDatabase, expect, latestEmailTo, login, test, waitForHydration } from "./fixtures.ts";

// The seed makes mentor@example.org the mentor of two certified investigators on the trainer pathway:
// Layla Haddad (certified@example.org, whose session plan waits for review) and Ngozi Eze (n.eze@example.org,
// English), who has passed the trainer course and co-facilitates the demo trainer's cohort, not yet recorded.
const TRAINEE = "n.eze@example.org";

function caseAnalysis() {
  const db = e2eDatabase();
  const row = db
    .prepare(
      `SELECT courseId, slug FROM Assignment WHERE courseId = 'ip-crime-intermediate' AND retiredAt IS NULL
       ORDER BY position LIMIT 1`
    )
    .get() as { courseId: string; slug: string } | undefined;
  db.close();
  if (!row) throw new Error("no assignment in the Intermediate programme");
  return `/courses/${row.courseId}/assignments/${row.slug}`;
}

function certificateOf(email: string, ruleId: string) {
  const db = e2eDatabase();
  const row = db
    .prepare(
      `SELECT c.number AS number FROM Certificate c JOIN User u ON u.id = c.userId
       WHERE u.email = ? AND c.ruleId = ? AND c.status = 'issued' ORDER BY c.createdAt DESC LIMIT 1`
    )
    .get(email, ruleId) as { number: string } | undefined;
  db.close();
  return row?.number;
}

test.describe.configure({ mode: "serial" });

test("the mentor's home page shows the review queue with the seeded submission", async ({ page }) => {
  await login(page, DEMO.mentor);
  const queue = page.getByRole("region", { name: "Review queue" });
  await expect(queue.getByRole("link", { name: /ليلى حداد/ })).toBeVisible();
  await expect(queue.getByText("Overdue")).toBeVisible(); // submitted nine days ago
});

test("a trainee submits, the mentor asks for a revision, the trainee resubmits without JavaScript, the mentor approves", async ({
  browser,
}) => {
  const url = caseAnalysis();
  const traineeContext = await browser.newContext();
  const trainee = await traineeContext.newPage();
  await login(trainee, TRAINEE);
  await trainee.goto(url);
  await waitForHydration(trainee);
  await expect(trainee.getByRole("heading", { name: /^Rubric/ })).toBeVisible();

  // Written in the rich-text editor: a heading, a paragraph, a list.
  const editor = trainee.getByRole("textbox", { name: "Your answer" });
  await expect(editor).toBeVisible();
  await editor.click();
  await trainee.keyboard.type("On 3 March officers seized forty cartons of falsified antibiotics at the port.");
  await trainee.keyboard.press("Enter");
  await trainee.getByRole("button", { name: "Bulleted list" }).click();
  await trainee.keyboard.type("Exhibit 1: packs with a copied hologram");
  await trainee.getByRole("button", { name: "Save draft" }).click();
  await expect(trainee.getByText("Draft saved.")).toBeVisible();
  await trainee.getByRole("button", { name: "Submit for review" }).click();
  await expect(trainee.getByText("Submitted. Your mentor has been notified.")).toBeVisible();
  await expect(trainee.getByRole("heading", { name: /Version 1/ })).toBeVisible();
  await expect(trainee.locator(".version li", { hasText: "copied hologram" })).toBeVisible();
  expect((await latestEmailTo(DEMO.mentor)).subject).toContain("To review");

  // The mentor reviews: scores every criterion, writes feedback, comments a passage, asks for a revision.
  const mentorContext = await browser.newContext();
  const mentor = await mentorContext.newPage();
  await login(mentor, DEMO.mentor);
  await mentor.goto("/mentoring");
  await mentor
    .getByRole("row", { name: /Ngozi Eze/ })
    .getByRole("link")
    .click();
  await expect(mentor.getByRole("heading", { name: "Review version 1" })).toBeVisible();
  await waitForHydration(mentor);
  const criteria = mentor.locator(".rubric fieldset");
  const count = await criteria.count();
  expect(count).toBeGreaterThanOrEqual(3);
  for (let i = 0; i < count; i++) await criteria.nth(i).getByRole("radio").nth(1).check();
  const feedback = mentor.getByRole("textbox", { name: "Feedback" });
  await feedback.click();
  await mentor.keyboard.type("Clear facts. Say where the cartons were stored and who imported them.");
  await mentor.getByLabel("Passage 1").fill("forty cartons");
  await mentor.getByLabel("Comment 1").fill("Which warehouse, and under which consignee?");
  await mentor.getByRole("button", { name: "Ask for a revision" }).click();
  await expect(mentor.getByText("Revision requested. The trainee has been notified.")).toBeVisible();
  expect((await latestEmailTo(TRAINEE)).subject).toContain("Revision requested");

  // The trainee sees the feedback, the comment marked in the text, and revises with JavaScript off.
  const noScript = await browser.newContext({
    javaScriptEnabled: false,
    storageState: await traineeContext.storageState(),
  });
  const plain = await noScript.newPage();
  await plain.goto(url);
  await expect(plain.getByText("Revision requested").first()).toBeVisible();
  await expect(plain.locator("mark.comment-mark", { hasText: "forty cartons" })).toBeVisible();
  await expect(plain.getByText("Which warehouse, and under which consignee?")).toBeVisible();
  await plain
    .getByRole("textbox", { name: "Your answer" })
    .fill(
      "On 3 March officers seized forty cartons of falsified antibiotics at the port.\n\nThey were stored in bonded warehouse 12, imported by a trading company registered in the free zone."
    );
  await plain.getByRole("button", { name: "Submit for review" }).click();
  await expect(plain.getByText("Submitted. Your mentor has been notified.")).toBeVisible();
  await expect(plain.getByRole("heading", { name: /Version 2/ })).toBeVisible();

  // Side by side, without JavaScript: a plain GET form.
  await plain.getByRole("button", { name: "Show side by side" }).click();
  await expect(plain).toHaveURL(/[?&]a=1&b=2/);
  await expect(plain.locator(".compare .version")).toHaveCount(2);
  await noScript.close();

  // The mentor approves version 2.
  await mentor.goto("/mentoring");
  await mentor
    .getByRole("row", { name: /Ngozi Eze/ })
    .getByRole("link")
    .click();
  await expect(mentor.getByRole("heading", { name: "Review version 2" })).toBeVisible();
  await waitForHydration(mentor);
  for (let i = 0; i < count; i++) await criteria.nth(i).getByRole("radio").last().check();
  await mentor.getByRole("textbox", { name: "Feedback" }).click();
  await mentor.keyboard.type("Complete and well evidenced.");
  await mentor.getByRole("button", { name: "Approve" }).click();
  await expect(mentor.getByText("Approved. The trainee has been notified.")).toBeVisible();

  await trainee.goto(url);
  await expect(trainee.getByText("Your mentor has approved this assignment.")).toBeVisible();
  await trainee.goto("/dashboard");
  await expect(trainee.getByRole("link", { name: /Your mentor approved/ }).first()).toBeVisible();
  await traineeContext.close();
  await mentorContext.close();
});

test("a candidate completes the trainer pathway: co-facilitation recorded, mentor's sign-off, trainer role and a valid certificate", async ({
  browser,
}) => {
  const candidateContext = await browser.newContext();
  const candidate = await candidateContext.newPage();
  await login(candidate, TRAINEE);
  await candidate.goto("/pathways/trainer");
  const steps = candidate.locator(".checklist li");
  await expect(steps).toHaveCount(4);
  await expect(steps.nth(0)).toContainText("(done)");
  await expect(steps.nth(1)).toContainText("(done)");
  await expect(steps.nth(2)).toContainText("(missing)");
  await expect(steps.nth(3)).toContainText("(missing)");

  // The lead trainer records the co-facilitation on their cohort.
  const trainerContext = await browser.newContext();
  const trainer = await trainerContext.newPage();
  await login(trainer, DEMO.trainer);
  await trainer.goto("/cohorts");
  await trainer
    .getByRole("link", { name: /Spain — Policía Nacional/ })
    .first()
    .click();
  await trainer.getByRole("link", { name: "Co-facilitators" }).click();
  await trainer.getByRole("button", { name: "Record Ngozi Eze's co-facilitation as done" }).click();
  await expect(trainer.getByText("Co-facilitation recorded. The candidate has been notified.")).toBeVisible();
  await trainerContext.close();

  await candidate.reload();
  await expect(steps.nth(2)).toContainText("(done)");
  await expect(candidate.getByText("Every step is done: your mentor can now sign you off.")).toBeVisible();

  // The mentor signs off from the trainee's page.
  const mentorContext = await browser.newContext();
  const mentor = await mentorContext.newPage();
  await login(mentor, DEMO.mentor);
  await mentor.goto("/mentoring");
  await mentor.getByRole("region", { name: "Your trainees" }).getByRole("link", { name: "Ngozi Eze" }).click();
  await mentor.getByRole("button", { name: "Sign off Ngozi Eze" }).click();
  await expect(mentor.getByText("Signed off. The role has been granted and the certificate issued.")).toBeVisible();
  await mentorContext.close();

  // The candidate is now a trainer, with a certificate that verifies publicly.
  await candidate.goto("/dashboard");
  await expect(candidate.getByText(/Your roles: .*Trainer/)).toBeVisible();
  await expect(
    candidate.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Cohorts" })
  ).toBeVisible();
  const number = certificateOf(TRAINEE, "certified-trainer");
  expect(number).toBeTruthy();
  await candidate.goto("/pathways/trainer");
  await expect(steps.nth(3)).toContainText("(done)");
  await candidate.getByRole("link", { name: "Verify it" }).click();
  await candidateContext.close();

  const visitor = await browser.newContext();
  const publicPage = await visitor.newPage();
  await publicPage.goto(`/verify/${number}`);
  await expect(publicPage.getByText("Certified Trainer — IP Crime Investigation", { exact: true })).toBeVisible();
  await expect(publicPage.getByText("Ngozi Eze", { exact: true })).toBeVisible();
  await expect(publicPage.getByText("This certificate is valid")).toBeVisible();
  await visitor.close();
});
