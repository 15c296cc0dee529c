import { DEMO, expect, login, logout, registerUser, test } from "./fixtures.ts";

test("an administrator finds a person, grants the trainer role, and the audit log records it", async ({
  page,
  request,
}) => {
  const officer = await registerUser(request);
  await login(page, DEMO.admin);
  await page.getByRole("link", { name: "Administration" }).click();
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
  await page.getByRole("navigation", { name: "Administration" }).getByRole("link", { name: "Users" }).click();

  await page.getByLabel("Name, email or agency").fill(officer.email);
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page.getByRole("status")).toHaveText("1 result");
  await page.getByRole("link", { name: officer.fullName }).click();

  await expect(page.getByRole("heading", { name: officer.fullName })).toBeVisible();
  await page.getByRole("button", { name: "Grant Trainer" }).click();
  await expect(page.getByRole("status")).toHaveText("The role has been granted.");
  await expect(page.getByRole("button", { name: "Remove Trainer" })).toBeVisible();

  await page.getByRole("link", { name: "View the audit log" }).click();
  const row = page.getByRole("row").filter({ hasText: "Role granted" });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText(DEMO.admin);
  await expect(row).toContainText('"role":"trainer"');

  // The officer now holds the role (seen from their own profile).
  await logout(page);
  await login(page, officer.email, officer.password);
  await page.goto("/profile");
  await expect(page.getByText("Learner, Trainer")).toBeVisible();
});

test("an administrator deactivates an account, which can then no longer log in", async ({ page, request, browser }) => {
  const officer = await registerUser(request);
  const officerContext = await browser.newContext();
  const officerPage = await officerContext.newPage();
  await login(officerPage, officer.email, officer.password);

  await login(page, DEMO.admin);
  await page.goto(`/admin/users?q=${encodeURIComponent(officer.email)}`);
  await page.getByRole("link", { name: officer.fullName }).click();
  await page.getByRole("button", { name: "Deactivate account" }).click();
  await expect(page.getByRole("status")).toHaveText("The account has been deactivated.");

  // Their open session ended at once.
  await officerPage.goto("/dashboard");
  await expect(officerPage).toHaveURL(/\/login/);
  await officerPage.getByLabel("Email address").fill(officer.email);
  await officerPage.getByLabel("Password", { exact: true }).fill(officer.password);
  await officerPage.getByRole("button", { name: "Log in" }).click();
  await expect(officerPage.getByRole("alert")).toHaveText("The email address or password is not correct.");
  await officerContext.close();
});

test("a learner is refused the admin area with a 403 page, not a crash", async ({ page }) => {
  await login(page, DEMO.learner);
  await expect(page.getByRole("link", { name: "Administration" })).toHaveCount(0);
  for (const path of ["/admin", "/admin/users", "/admin/audit"]) {
    const response = await page.goto(path);
    expect(response?.status()).toBe(403);
    await expect(page.getByRole("heading", { name: "You do not have access to this page" })).toBeVisible();
  }
});

test("a learner cannot change roles by posting to the admin action directly", async ({ page }) => {
  await login(page, DEMO.learner);
  await page.goto("/dashboard");
  const csrf = await page.locator('input[name="csrf"]').first().inputValue();
  const response = await page.request.post("/admin/users/anyone", { form: { csrf, intent: "grant", role: "admin" } });
  expect(response.status()).toBe(403);
});

test("visitors who are not logged in are sent to log in, then back", async ({ page }) => {
  await page.goto("/admin/users");
  await expect(page).toHaveURL(/\/login\?redirectTo=%2Fadmin%2Fusers/);
  await page.getByLabel("Email address").fill(DEMO.admin);
  await page.getByLabel("Password", { exact: true }).fill(process.env.DEMO_PASSWORD || "provenance-demo");
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page).toHaveURL(/\/admin\/users$/);
});
