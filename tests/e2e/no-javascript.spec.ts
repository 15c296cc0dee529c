import { DEMO, DEMO_PASSWORD, expect, registerUser, test } from "./fixtures.ts";

test.use({ javaScriptEnabled: false });

test("logging in and out works with JavaScript disabled", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("Email address").fill(DEMO.learner);
  await page.getByLabel("Password", { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page).toHaveURL(/\/dashboard/);
  await expect(page.getByRole("heading", { name: "Welcome, Amina Okafor" })).toBeVisible();
  await page.getByRole("button", { name: "Log out" }).click();
  await expect(page.getByText("You have logged out.")).toBeVisible();
});

test("a form with mistakes answers with field messages without JavaScript", async ({ page }) => {
  await page.goto("/register");
  await page.getByLabel("Email address").fill("broken@");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("Enter a valid email address, like name@agency.gov.")).toBeVisible();
  await expect(page.getByLabel("Email address")).toHaveValue("broken@");
});

test("the profile saves and the language switcher works without JavaScript", async ({ page, request }) => {
  const user = await registerUser(request);
  await page.goto("/login");
  await page.getByLabel("Email address").fill(user.email);
  await page.getByLabel("Password", { exact: true }).fill(user.password);
  await page.getByRole("button", { name: "Log in" }).click();
  await page.goto("/profile");
  await page.getByLabel("Agency").fill("Federal Police — IP Crime Unit");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("Your details have been saved.")).toBeVisible();
  await expect(page.getByLabel("Agency")).toHaveValue("Federal Police — IP Crime Unit");

  await page.locator(".language-switcher summary").click();
  await page.getByRole("button", { name: "العربية" }).click();
  await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
  await expect(page).toHaveURL(/\/profile(\?intent=profile)?$/);
});
