import type { Page } from "@playwright/test";
import { expect, login, logout, registerUser, test } from "./fixtures.ts";

const INTRO = "/courses/ip-crime-introductory";

/** Work through the first module's three lessons: a knowledge check, a categorise exercise, a scenario. */
async function workThroughModule(page: Page, javaScript: boolean) {
  await page.goto("/courses");
  await page.getByRole("heading", { name: "IP Crime Investigation — Introductory" }).getByRole("link").click();
  await expect(page.getByRole("heading", { level: 1, name: "IP Crime Investigation — Introductory" })).toBeVisible();
  await page.getByRole("button", { name: "Enrol and start" }).click();
  await expect(page).toHaveURL(`${INTRO}/ip-crimes/what-is-ip-crime`);
  await expect(page.getByText("Lesson 1 of 28")).toBeVisible();
  await page.reload(); // as a learner arriving from a bookmark: the lesson page as served, without React
  // Rendered from the routes it matched only (entry.server.tsx): its title, its stylesheet, the island
  // script, and nothing for a React runtime (no module preloads, no route manifest, no streamed data).
  await expect(page).toHaveTitle(/^What is IP crime\? · Provenance$/);
  await expect(page.locator('link[rel="stylesheet"][href^="/assets/"]')).toHaveCount(1);
  await expect(page.locator('script[src="/islands/lesson.js"]')).toHaveCount(1);
  await expect(page.locator('link[rel="modulepreload"], script:not([src="/islands/lesson.js"])')).toHaveCount(0);
  expect(await page.evaluate(() => "__remixContext" in window)).toBe(false);

  // Lesson 1: a knowledge check, answered and fed back by the server. With JavaScript the lesson
  // page's island swaps the answered block in place (no reload); without it the form posts.
  await page.evaluate(() => ((window as unknown as { marker: number }).marker = 1));
  const check = page.locator(".block--check").first();
  await check.getByRole("radio").first().check();
  await check.getByRole("button", { name: "Check my answer" }).click();
  await expect(check.getByRole("status")).toContainText(/Right\.|Not quite\./);
  const reloaded = await page.evaluate(() => (window as unknown as { marker?: number }).marker === undefined);
  expect(reloaded).toBe(!javaScript);

  // Lesson 2: sort the items (a choice per item, no dragging), then its knowledge check.
  await page.getByRole("link", { name: "Next lesson" }).click();
  await expect(page.getByText("Lesson 2 of 28")).toBeVisible();
  await page.waitForLoadState("load"); // the whole exercise, not the first streamed rows
  const sort = page.locator(".block--categorise").first();
  for (const select of await sort.getByRole("combobox").all()) await select.selectOption({ index: 1 });
  await sort.getByRole("button", { name: "Check my answer" }).click();
  await expect(sort.getByRole("status")).toContainText(/of \d+ placed correctly/);
  const check2 = page.locator(".block--check").first();
  await check2.getByRole("radio").first().check();
  await check2.getByRole("button", { name: "Check my answer" }).click();
  await expect(check2.getByRole("status")).toBeVisible();

  // Lesson 3: a branching scenario, played to one of its endings.
  await page.getByRole("link", { name: "Next lesson" }).click();
  await expect(page.getByText("Lesson 3 of 28")).toBeVisible();
  const scenario = page.locator(".block--scenario").first();
  for (let made = 0; made < 12 && !(await scenario.locator(".ending").isVisible()); made++) {
    await scenario.locator(".scenario-choices button").first().click();
    await expect(scenario).toHaveAttribute("data-choices", String(made + 1));
  }
  await expect(scenario.locator(".ending")).toBeVisible();
}

async function resumeFromDashboard(page: Page) {
  // Three of 28 lessons done: the dashboard shows 10 % and resumes at the module quiz.
  await page.getByRole("link", { name: "Dashboard" }).click();
  await expect(page.getByText("10 % of the course done")).toBeVisible();
  await page.getByRole("link", { name: /^Continue: / }).click();
  await expect(page).toHaveURL(`${INTRO}/ip-crimes/ip-crimes-quiz`);
  await expect(page.getByRole("heading", { name: "Module quiz" })).toBeVisible();
}

test("a learner enrols, works through a module, leaves, comes back and resumes", async ({ page, request }) => {
  const user = await registerUser(request);
  await login(page, user.email, user.password);
  await expect(page.getByText("You are not enrolled in any course yet.")).toBeVisible();
  await workThroughModule(page, true);
  await logout(page);
  await login(page, user.email, user.password);
  await resumeFromDashboard(page);

  // Their own history lists the lessons they opened, with the three finished ones completed.
  await page.getByRole("link", { name: "Dashboard" }).click();
  await page.getByRole("link", { name: "My learning history" }).click();
  await expect(page.getByRole("heading", { name: "IP Crime Investigation — Introductory" })).toBeVisible();
  await expect(page.getByRole("row")).toHaveCount(5); // header + 4 lessons opened
  await expect(page.locator("tbody td:nth-child(3)").filter({ hasText: /^—$/ })).toHaveCount(1); // the quiz, opened but not done
});

test.describe("with JavaScript disabled", () => {
  test.use({ javaScriptEnabled: false });

  test("the same module works with plain form posts", async ({ page, request }) => {
    const user = await registerUser(request);
    await page.goto("/login");
    await page.getByLabel("Email address").fill(user.email);
    await page.getByLabel("Password", { exact: true }).fill(user.password);
    await page.getByRole("button", { name: "Log in" }).click();
    await expect(page).toHaveURL(/\/dashboard/);
    await workThroughModule(page, false);
    await resumeFromDashboard(page);
  });
});

test("the Intermediate programme stays locked until the Introductory one is passed, and says why", async ({
  page,
  request,
}) => {
  const user = await registerUser(request);
  await login(page, user.email, user.password);
  await page.goto("/courses/ip-crime-intermediate");
  await expect(page.getByText("This course is locked")).toBeVisible();
  await expect(page.getByRole("button", { name: "Enrol and start" })).toHaveCount(0);
  await page.getByRole("main").getByRole("link", { name: "IP Crime Investigation — Introductory" }).click();
  await expect(page).toHaveURL(INTRO);
  // Posting the enrolment form anyway is refused on the server.
  const csrf = await page.locator('input[name="csrf"]').first().inputValue();
  const response = await page.request.post("/courses/ip-crime-intermediate", { form: { csrf } });
  expect(response.status()).toBe(403);
});

test("the Arabic module renders right to left", async ({ page, request }) => {
  const user = await registerUser(request);
  await login(page, user.email, user.password);
  await page.goto(INTRO);
  await page.getByRole("button", { name: "Enrol and start" }).click();
  await expect(page).toHaveURL(`${INTRO}/ip-crimes/what-is-ip-crime`);
  await page.locator(".language-switcher summary").click();
  await page.getByRole("button", { name: "العربية" }).click();
  await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
  await expect(page.locator("article.lesson")).toHaveAttribute("lang", "ar");
  await expect(page.locator("article.lesson")).toHaveAttribute("dir", "rtl");
  await expect(page.locator(".lesson .alert--info")).toHaveCount(0); // translated: no English fallback notice
  // A lesson not yet translated falls back to English, says so, and keeps English left to right.
  await page.goto(`${INTRO}/ip-crime-investigations/first-response`);
  await expect(page.locator("article.lesson")).toHaveAttribute("dir", "ltr");
  await expect(page.locator(".lesson .alert--info")).toBeVisible();
});

test("a visitor sees the catalogue, but lessons need an account and an enrolment", async ({ page }) => {
  await page.goto(`${INTRO}/ip-crimes`); // a module's address shows the outline at that module
  await expect(page).toHaveURL(`${INTRO}#module-ip-crimes`);
  await expect(page.locator("#module-ip-crimes")).toBeVisible();
  await page.goto("/courses");
  await expect(page.getByRole("heading", { name: "Courses" })).toBeVisible();
  await expect(page.getByText("Introductory level")).toBeVisible();
  await page.goto(`${INTRO}/ip-crimes/what-is-ip-crime`);
  await expect(page).toHaveURL(/\/login\?redirectTo=/);
});
