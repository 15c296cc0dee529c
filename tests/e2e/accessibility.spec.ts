import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { DEMO, expect, login, test, waitForHydration } from "./fixtures.ts";

// Automated WCAG 2.2 A/AA checks (axe-core) on every page of the foundation, in a left-to-right and a
// right-to-left language. Automated checks catch a part of the problems only; they are the floor.
const WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

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
  await page.goto("/admin/users");
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
