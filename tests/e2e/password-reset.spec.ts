import { expect, latestEmailTo, login, logout, registerUser, test } from "./fixtures.ts";

test("a forgotten password is reset through the emailed one-time link", async ({ page, request }) => {
  const user = await registerUser(request);
  await page.goto("/login");
  await page.getByRole("link", { name: "Forgot your password?" }).click();
  await expect(page.getByRole("heading", { name: "Reset your password" })).toBeVisible();
  await page.getByLabel("Email address").fill(user.email);
  await page.getByRole("button", { name: "Send the link" }).click();
  await expect(page.getByRole("status")).toContainText("If an account exists for that address");

  const mail = await latestEmailTo(user.email);
  expect(mail.subject).toBe("Reset your Provenance password");
  const link = /(http:\/\/\S+\/reset-password\?token=[\w-]+)/.exec(mail.text)?.[1];
  expect(link).toBeTruthy();

  await page.goto(link!);
  await page.getByLabel("New password").fill("my new reset passphrase");
  await page.getByLabel("Repeat the password").fill("my new reset passphrase");
  await page.getByRole("button", { name: "Save the new password" }).click();
  await expect(page).toHaveURL(/\/login\?notice=password-reset/);
  await expect(page.getByRole("status")).toHaveText("Your password has been changed. Log in with the new one.");

  // The old password no longer works; the new one does.
  await page.getByLabel("Email address").fill(user.email);
  await page.getByLabel("Password", { exact: true }).fill(user.password);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page.getByRole("alert")).toHaveText("The email address or password is not correct.");
  await login(page, user.email, "my new reset passphrase");

  // The link works once only.
  await logout(page);
  await page.goto(link!);
  await expect(page.getByRole("alert")).toHaveText("This link has expired or has already been used.");
});

test("asking for a reset for an unknown address looks exactly the same and sends nothing", async ({ page }) => {
  await page.goto("/forgot-password");
  await page.getByLabel("Email address").fill("nobody-here@example.test");
  await page.getByRole("button", { name: "Send the link" }).click();
  await expect(page.getByRole("status")).toContainText("If an account exists for that address");
  await expect(latestEmailTo("nobody-here@example.test")).rejects.toThrow(/no email/);
});
