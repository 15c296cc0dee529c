import type { Page } from "@playwright/test";
import {
  csrfFrom,
  e2eDatabase,
  expect,
  fillFields,
  letTimePass,
  login,
  passModuleQuizzes,
  postForm,
  registerUser,
  rightFieldsFor,
  test,
  waitForHydration,
} from "./fixtures.ts";

const COURSE = "ip-crime-introductory";
const FINAL = `/courses/${COURSE}/assessments/final`;
const QUESTIONS = 28;

/** The attempt id in the current URL. */
const attemptIdOf = (page: Page) => /\/attempts\/([^/?#]+)/.exec(page.url())![1]!;

async function startFinal(page: Page, again = false) {
  await page.goto(FINAL);
  await page.getByRole("button", { name: again ? "Start a new attempt" : "Start the assessment" }).click();
  await expect(page.getByRole("heading", { name: `Question 1 of ${QUESTIONS}` })).toBeVisible();
}

/** Answer every question right through the page, moving on with "Save and next", then submit. */
async function answerAllAndSubmit(page: Page) {
  const attemptId = attemptIdOf(page);
  for (let position = 0; position < QUESTIONS; position++) {
    await expect(page.getByRole("heading", { name: `Question ${position + 1} of ${QUESTIONS}` })).toBeVisible();
    await fillFields(page, rightFieldsFor(attemptId, position));
    await page.getByRole("button", { name: position + 1 < QUESTIONS ? "Save and next" : "Save and finish" }).click();
  }
  await expect(page.getByRole("heading", { name: "Finish the attempt" })).toBeVisible();
  await expect(page.getByText(`You have answered ${QUESTIONS} of ${QUESTIONS} questions.`)).toBeVisible();
  await page.getByRole("button", { name: "Submit and finish" }).click();
}

test.describe("final assessment", () => {
  test("a learner fails, waits out the cool-down, passes, and the Intermediate programme opens", async ({
    page,
    request,
  }) => {
    test.setTimeout(120_000);
    const user = await registerUser(request);
    await login(page, user.email, user.password);
    await passModuleQuizzes(page.request, COURSE);

    await page.goto(`/courses/${COURSE}`);
    // Every module links to its quiz, with the result; the course links to its final.
    await expect(page.getByRole("link", { name: "Module quiz" })).toHaveCount(7);
    await expect(page.getByText("passed, 100 %")).toHaveCount(7);
    await page.getByRole("link", { name: "Introductory final assessment" }).click();
    await expect(page.getByText("Pass mark: 70 %.")).toBeVisible();
    await page.getByRole("button", { name: "Start the assessment" }).click();
    await waitForHydration(page);

    // A first attempt handed in with nothing answered fails.
    await page.getByRole("button", { name: "Finish the attempt…" }).click();
    await expect(page.getByText(`${QUESTIONS} questions have no answer; they will score nothing.`)).toBeVisible();
    await page.getByRole("button", { name: "Submit and finish" }).click();
    await expect(page.getByText("Not passed.")).toBeVisible();
    await expect(page.getByText("Score: 0 % (pass mark 70 %).")).toBeVisible();
    // The answers stay hidden while attempts remain and the learner has not passed.
    await expect(page.getByText(/The right answers are shown once you have passed/)).toBeVisible();

    // The cool-down: no new attempt for four hours.
    await page.goto(FINAL);
    await expect(page.getByText(/Your next attempt opens at/)).toBeVisible();
    await expect(page.getByRole("button", { name: "Start a new attempt" })).toHaveCount(0);
    letTimePass(user.email, 241);
    await page.reload();

    await startFinal(page, true);
    await answerAllAndSubmit(page);
    await expect(page.getByText("Passed.")).toBeVisible();
    await expect(page.getByText("Score: 100 % (pass mark 70 %).")).toBeVisible();
    // Passed: the review now shows the answers and explanations.
    await expect(page.getByRole("heading", { name: "Questions and answers" })).toBeVisible();

    await page.goto(`/courses/${COURSE}`);
    await expect(page.getByText("You have passed this programme.")).toBeVisible();
    await page.goto("/courses/ip-crime-intermediate");
    await expect(page.getByText("This course is locked")).toHaveCount(0);
    await page.getByRole("button", { name: "Enrol" }).click();
    await expect(page).toHaveURL(/\/courses\/ip-crime-intermediate\/.+\/.+/);
  });

  test("answers are saved as they are given; a timed attempt closes at its deadline across a reload, keeping them", async ({
    page,
    request,
  }) => {
    const user = await registerUser(request);
    await login(page, user.email, user.password);
    await passModuleQuizzes(page.request, COURSE);
    await startFinal(page);
    await expect(page.getByText(/Ends at/)).toBeVisible();
    await expect(page.getByText(/\d+:\d\d left/)).toBeVisible();
    const attemptId = attemptIdOf(page);
    await fillFields(page, rightFieldsFor(attemptId, 0));
    await page.getByRole("button", { name: "Save and next" }).click();
    await expect(page.getByRole("heading", { name: `Question 2 of ${QUESTIONS}` })).toBeVisible();

    // With JavaScript, an answer is saved as it is given: no button pressed, then a reload keeps it.
    await fillFields(page, rightFieldsFor(attemptId, 1));
    await expect(page.getByText("Your answer is saved.")).toBeVisible();
    await page.reload();
    await expect(page.getByRole("button", { name: /^Question 2: answered$/ })).toBeVisible();

    // The clock is the server's: 46 minutes later a reload finds the attempt closed and graded.
    letTimePass(user.email, 46);
    await page.reload();
    await expect(page).toHaveURL(/\/review/);
    await expect(page.getByText(/the time limit closed it/)).toBeVisible();
    await expect(page.getByText(/Score: [1-9][\d.]* %/)).toBeVisible();
  });

  test("the final assessment can be taken and passed with JavaScript disabled", async ({ browser, request }) => {
    test.setTimeout(120_000);
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    const user = await registerUser(request);
    await page.goto("/login");
    await page.getByLabel("Email address").fill(user.email);
    await page.getByLabel("Password", { exact: true }).fill(user.password);
    await page.getByRole("button", { name: "Log in" }).click();
    await expect(page).toHaveURL(/\/dashboard/);
    await passModuleQuizzes(page.request, COURSE);
    await startFinal(page);
    // No countdown script: the deadline is stated instead.
    await expect(page.getByText(/Ends at/)).toBeVisible();
    // Navigate with the question navigator and flag a question, all as plain form posts.
    await page.getByLabel("Flag this question to come back to it").check();
    await page.getByRole("button", { name: /^Question 3: not answered$/ }).click();
    await expect(page.getByRole("heading", { name: `Question 3 of ${QUESTIONS}` })).toBeVisible();
    await expect(page.getByRole("button", { name: /^Question 1: not answered, flagged$/ })).toBeVisible();
    await page.getByRole("button", { name: /^Question 1:/ }).click();
    await answerAllAndSubmit(page);
    await expect(page.getByText("Passed.")).toBeVisible();
    await context.close();
  });

  test("tampered posts change nothing: an invented question, a changed option, a resubmission", async ({
    page,
    request,
  }) => {
    const user = await registerUser(request);
    await login(page, user.email, user.password);
    await passModuleQuizzes(page.request, COURSE);
    await startFinal(page);
    const url = new URL(page.url());
    const action = `${url.pathname}?index`; // the attempt page is an index route
    const csrf = await csrfFrom(page.request, url.pathname);
    const right = rightFieldsFor(attemptIdOf(page), 0);
    const post = (fields: [string, string][]) => postForm(page.request, action, [["csrf", csrf], ...fields]);

    // A question that is not in the attempt, and an option id the question does not have.
    expect((await post([["position", "99"], ...right])).status()).toBe(400);
    // An option id the question does not have: the first choice, matching or ordering question's right
    // fields, each value changed to 9 (no question has ten options, answers or items).
    const db = e2eDatabase();
    const { position } = db
      .prepare(
        `SELECT aq.position AS position FROM AttemptQuestion aq JOIN Question q ON q.id = aq.questionId
         WHERE aq.attemptId = ? AND q.type IN ('single', 'multiple', 'true-false', 'matching', 'ordering')
         ORDER BY aq.position LIMIT 1`
      )
      .get(attemptIdOf(page)) as { position: number };
    db.close();
    const tampered = rightFieldsFor(attemptIdOf(page), position).map(([name]) => [name, "9"] as [string, string]);
    expect((await post([["position", String(position)], ...tampered])).status()).toBe(400);
    await page.reload();
    await expect(
      page.getByRole("button", { name: new RegExp(`^Question ${position + 1}: not answered$`) })
    ).toBeVisible();

    // Submit with one right answer; then replay the answers and the submission.
    expect((await post([["position", "0"], ...right, ["intent", "submit"]])).status()).toBe(302);
    await page.goto(`${url.pathname}/review`);
    const score = await page.getByText(/^Score: /).textContent();
    expect(score).not.toContain("Score: 0 %");
    const attemptId = attemptIdOf(page);
    for (let position = 0; position < 3; position++) {
      const replay = await post([["position", String(position)], ...rightFieldsFor(attemptId, position)]);
      expect(replay.status()).toBe(302);
      expect(replay.headers().location).toContain("/review?notice=closed");
    }
    const resubmit = await post([["intent", "submit"]]);
    expect(resubmit.headers().location).toContain("/review?notice=closed");
    await page.goto(resubmit.headers().location!);
    await expect(page.getByText("This attempt had already been submitted; nothing was changed.")).toBeVisible();
    await expect(page.getByText(/^Score: /)).toHaveText(score!);
  });
});

test.describe("results for trainers", () => {
  test("a trainer filters results, downloads them as CSV and reads the item analysis; an administrator re-grades", async ({
    page,
    browser,
  }) => {
    await login(page, "trainer@example.org");
    await page.getByRole("link", { name: "Results" }).click();
    await expect(page.getByRole("heading", { name: "Assessment results" })).toBeVisible();
    await page.getByLabel("Course").selectOption(COURSE);
    await page.getByLabel("Country").selectOption("KE");
    await page.getByLabel("Assessments").selectOption("final");
    await page.getByRole("button", { name: "Show" }).click();
    await expect(page).toHaveURL(/course=ip-crime-introductory/);
    await expect(page).toHaveURL(/country=KE/);
    await expect(page).toHaveURL(/kind=final/);
    const rows = page.locator("tbody tr");
    await expect(rows.filter({ hasText: "officer07@example.org" })).toHaveCount(1);
    await expect(rows.filter({ hasText: "officer07@example.org" })).toContainText("Introductory final assessment");
    await expect(rows.filter({ hasText: "officer01@example.org" })).toHaveCount(0);

    const csv = await page.request.get(`/results.csv?course=${COURSE}&country=KE&kind=final`);
    expect(csv.status()).toBe(200);
    expect(csv.headers()["content-type"]).toContain("text/csv");
    expect(csv.headers()["content-disposition"]).toMatch(/attachment; filename="provenance-results-/);
    const text = await csv.text();
    expect(text).toContain(
      "Grace Wanjiru,officer07@example.org,KE,Kenya Revenue Authority,ip-crime-introductory,final,1,"
    );
    expect(text).not.toContain("officer01@example.org");

    await page.goto("/results");
    await page.getByRole("link", { name: "Introductory final assessment" }).click();
    await expect(page.getByRole("heading", { name: "Item analysis: Introductory final assessment" })).toBeVisible();
    await expect(page.getByRole("columnheader", { name: "Discrimination" })).toBeVisible();
    await expect(page.getByRole("img", { name: "How often each answer was chosen" }).first()).toBeVisible();
    await expect(page.getByRole("button", { name: "Re-grade every attempt" })).toHaveCount(0);

    const admin = await browser.newPage();
    await login(admin, "admin@example.org");
    await admin.goto(`/results/${COURSE}/final`);
    await admin.getByLabel("Reason (recorded in the audit log)").fill("Checked after the bank review");
    await admin.getByRole("button", { name: "Re-grade every attempt" }).click();
    await expect(admin.getByText(/\d+ attempts re-graded; 0 results changed\./)).toBeVisible();
    await admin.goto("/admin/audit?action=assessment.regraded");
    await expect(admin.getByRole("cell", { name: "Assessment re-graded" }).first()).toBeVisible();
    await admin.close();
  });

  test("learners cannot see other people's results", async ({ page }) => {
    await login(page, "learner@example.org");
    await expect(page.getByRole("link", { name: "Results" })).toHaveCount(0);
    expect((await page.request.get("/results")).status()).toBe(403);
    expect((await page.request.get("/results.csv")).status()).toBe(403);
    expect((await page.request.get(`/results/${COURSE}/final`)).status()).toBe(403);
  });
});
