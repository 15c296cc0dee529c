import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { DEMO, expect, login, test, waitForHydration } from "./fixtures.ts";

// Automated WCAG 2.2 A/AA checks (axe-core) on every page of the foundation, in a left-to-right and a
// right-to-left language. Automated checks catch a part of the problems only; they are the floor.
const WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

// Each test scans several pages; an axe scan takes several seconds when the machine is busy.
test.describe.configure({ timeout: 180_000 });

async function expectNoViolations(page: Page, what: string) {
  await waitForHydration(page);
  const { violations } = await new AxeBuilder({ page }).withTags(WCAG).analyze();
  const summary = violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  expect(summary, what).toEqual([]);
}

for (const lng of ["en", "ar"] as const) {
  test(`public pages meet WCAG 2.2 AA automated checks (${lng})`, async ({ page }) => {
    for (const path of [
      "/",
      "/login",
      "/register",
      "/forgot-password",
      "/reset-password?token=expired-or-not-a-real-token",
      "/no-such-page",
    ]) {
      await page.goto(`${path}${path.includes("?") ? "&" : "?"}lng=${lng}`);
      await expectNoViolations(page, `${path} in ${lng}`);
    }
  });
}

test("signed-in and admin pages meet WCAG 2.2 AA automated checks", async ({ page }) => {
  await login(page, DEMO.admin);
  for (const path of ["/dashboard", "/profile", "/admin", "/admin/users", "/admin/audit"]) {
    await page.goto(path);
    await expectNoViolations(page, path);
  }
  await page.goto("/admin/users?q=Amina");
  await page.getByRole("link", { name: "Amina Okafor" }).click();
  await expect(page.getByRole("heading", { name: "Amina Okafor" })).toBeVisible();
  await expectNoViolations(page, "a user's admin page");
});

test("a form with errors meets WCAG 2.2 AA automated checks", async ({ page }) => {
  await page.goto("/register");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("Some answers need correcting.", { exact: false })).toBeVisible();
  await expectNoViolations(page, "register with errors");
});

test("course pages and lessons with their exercises meet WCAG 2.2 AA automated checks", async ({ page }) => {
  await login(page, DEMO.learner);
  for (const path of [
    "/courses",
    "/courses/ip-crime-introductory",
    "/courses/ip-crime-intermediate",
    "/courses/ip-crime-introductory/ip-crimes/trademarks-copyright-patents-designs", // answered exercises
    "/courses/ip-crime-introductory/ip-crime-investigations/product-identification", // unanswered ones
    "/courses/ip-crime-introductory/ip-crime-investigations/evidence-at-a-seizure", // a scenario
    "/courses/ip-crime-introductory/ip-crimes/ip-crimes-quiz", // a passed quiz
  ]) {
    await page.goto(path);
    await expectNoViolations(page, path);
  }
});

test("the authoring pages and the lesson editor meet WCAG 2.2 AA automated checks", async ({ page }) => {
  await login(page, DEMO.admin);
  await page.goto("/author");
  await expectNoViolations(page, "/author");
  for (const lng of ["en", "ar"]) {
    await page.goto(`/author/ip-crime-introductory/what-is-ip-crime/${lng}`);
    await expect(page.getByRole("textbox", { name: "Lesson text" })).toBeVisible();
    await expect(page.getByRole("group", { name: /^Exercise: / }).first()).toBeVisible();
    await expectNoViolations(page, `the editor (${lng} text)`);
  }
});

for (const lng of ["en", "ar"] as const) {
  test(`assessment pages meet WCAG 2.2 AA automated checks (${lng})`, async ({ page }) => {
    // Members of the demo class (every module quiz passed, one graded attempt at the final), one of them
    // reading in Arabic.
    await login(page, lng === "en" ? "officer01@example.org" : "officer05@example.org");
    const final = `/courses/ip-crime-introductory/assessments/final`;
    await page.goto(final);
    await expect(page.locator("html")).toHaveAttribute("lang", lng);
    await expectNoViolations(page, `the final's page (${lng})`);
    await page
      .getByRole("link", { name: /review|مراجعة|عرض/i })
      .first()
      .click();
    await expectNoViolations(page, `a review with scores by topic (${lng})`);
    await page.goto(final);
    await page.locator(".page form button[type=submit]").click(); // "Start a new attempt"
    await expect(page).toHaveURL(/\/attempts\//);
    for (let q = 1; q <= 28; q++) {
      // Every type of question is in the bank; walk until the page has shown a matching or ordering one.
      if ((await page.locator("select").count()) > 0) break;
      await page.goto(`${page.url().split("?")[0]}?q=${q}`);
    }
    await expectNoViolations(page, `a question of an attempt (${lng})`);
    await page.goto(`${page.url().split("?")[0]}?q=summary`);
    await expectNoViolations(page, `the attempt's summary (${lng})`);
    await page.goto("/courses/ip-crime-introductory/ip-crimes/ip-crimes-quiz");
    await expectNoViolations(page, `a quiz lesson with its result (${lng})`);
  });
}

test("results and item analysis meet WCAG 2.2 AA automated checks", async ({ page }) => {
  await login(page, DEMO.admin);
  for (const path of ["/results", "/results?kind=final&country=KE", "/results/ip-crime-introductory/final"]) {
    await page.goto(path);
    await expectNoViolations(page, path);
  }
});

test("mentoring pages meet WCAG 2.2 AA automated checks, the mentor's and the trainee's (in Arabic)", async ({
  browser,
}) => {
  const mentorContext = await browser.newContext();
  const mentor = await mentorContext.newPage();
  await login(mentor, DEMO.mentor);
  await expectNoViolations(mentor, "the mentor's dashboard with the review queue");
  await mentor.goto("/mentoring");
  await expectNoViolations(mentor, "/mentoring");
  await mentor
    .getByRole("row", { name: /ليلى حداد/ })
    .getByRole("link")
    .click();
  await expect(mentor.getByRole("heading", { name: /Review version/ })).toBeVisible();
  await expectNoViolations(mentor, "a submission's review form, editor loaded");
  await mentor.getByRole("link", { name: "ليلى حداد" }).click();
  await expect(mentor.getByRole("heading", { name: "Mentoring log" })).toBeVisible();
  await expectNoViolations(mentor, "a trainee's page");
  await mentorContext.close();

  const traineeContext = await browser.newContext();
  const trainee = await traineeContext.newPage();
  await login(trainee, "certified@example.org");
  for (const path of [
    "/pathways/trainer",
    "/courses/train-the-trainer",
    "/courses/train-the-trainer/assignments/draft-a-session-plan",
  ]) {
    await trainee.goto(path);
    await expect(trainee.locator("html")).toHaveAttribute("dir", "rtl");
    await expectNoViolations(trainee, `${path} in Arabic`);
  }
  await traineeContext.close();
});
