import { expect, login, logout, registerUser, test, uniqueEmail } from "./fixtures.ts";

test("an officer registers, logs out, logs back in and logs out", async ({ page }) => {
  const email = uniqueEmail("register");
  const password = "counterfeit medicines kill";
  await page.goto("/");
  await page.getByRole("link", { name: "Create your account" }).click();
  await expect(page.getByRole("heading", { name: "Create your account" })).toBeVisible();
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByLabel("Repeat the password").fill(password);
  await page.getByLabel("Full name", { exact: true }).fill("Adaeze Nwosu");
  await page.getByLabel("Agency").fill("NAFDAC");
  await page.getByLabel("Country").selectOption("NG");
  await page.getByRole("button", { name: "Create account" }).click();

  await expect(page).toHaveURL(/\/dashboard/);
  await expect(page.getByRole("heading", { name: "Welcome, Adaeze Nwosu" })).toBeVisible();
  await expect(page.getByText("You are not enrolled in any course yet.")).toBeVisible();

  await logout(page);
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/login\?redirectTo=%2Fdashboard/);

  await login(page, email, password);
  await expect(page.getByRole("heading", { name: "Welcome, Adaeze Nwosu" })).toBeVisible();
  await logout(page);
  await expect(page.getByText("You have logged out.")).toBeVisible();
});

test("registration explains each wrong field and keeps what was typed", async ({ page }) => {
  await page.goto("/register");
  await page.getByLabel("Email address").fill("not-an-email");
  await page.getByLabel("Password", { exact: true }).fill("short");
  await page.getByLabel("Repeat the password").fill("different");
  await page.getByLabel("Agency").fill("Customs");
  await page.getByRole("button", { name: "Create account" }).click();

  await expect(page.getByLabel("Email address")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByText("Enter a valid email address, like name@agency.gov.")).toBeVisible();
  await expect(page.getByText("The password is too short.")).toBeVisible();
  await expect(page.getByText("The two passwords are not the same.")).toBeVisible();
  await expect(page.getByText("This field is required.").first()).toBeVisible();
  await expect(page.getByText("Choose a country from the list.")).toBeVisible();
  await expect(page.getByLabel("Agency")).toHaveValue("Customs");
  await expect(page.getByLabel("Email address")).toHaveValue("not-an-email");
});

test("a wrong password is refused without saying whether the account exists", async ({ page, request }) => {
  const user = await registerUser(request);
  await page.goto("/login");
  await page.getByLabel("Email address").fill(user.email);
  await page.getByLabel("Password", { exact: true }).fill("not the password");
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page.getByRole("alert")).toHaveText("The email address or password is not correct.");
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByLabel("Email address")).toHaveValue(user.email);

  await page.getByLabel("Email address").fill(uniqueEmail("nobody"));
  await page.getByLabel("Password", { exact: true }).fill("not the password");
  const answered = page.waitForResponse(
    (r) => r.request().method() === "POST" && new URL(r.url()).pathname.startsWith("/login")
  );
  await page.getByRole("button", { name: "Log in" }).click();
  await answered;
  await expect(page.getByRole("alert")).toHaveText("The email address or password is not correct.");
});

test("repeated wrong passwords lock the account for a while with a clear message", async ({ page, request }) => {
  const user = await registerUser(request);
  await page.goto("/login");
  for (let attempt = 1; attempt <= 5; attempt++) {
    await page.getByLabel("Email address").fill(user.email);
    await page.getByLabel("Password", { exact: true }).fill(`wrong password ${attempt}`);
    // Each attempt waits for the server's answer (the alert from the last one is already on screen).
    const answered = page.waitForResponse(
      (r) => r.request().method() === "POST" && new URL(r.url()).pathname.startsWith("/login")
    );
    await page.getByRole("button", { name: "Log in" }).click();
    await answered;
    await expect(page.getByRole("alert")).toHaveText("The email address or password is not correct.");
  }
  // Even the right password is refused now, with a message that says how long to wait.
  await page.getByLabel("Email address").fill(user.email);
  await page.getByLabel("Password", { exact: true }).fill(user.password);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page.getByRole("alert")).toContainText(/Too many attempts\. Wait 1[45] minutes/);
  await expect(page).toHaveURL(/\/login$/);
});

test("a registered email cannot be registered twice", async ({ page, request }) => {
  const user = await registerUser(request);
  await page.goto("/register");
  await page.getByLabel("Email address").fill(user.email);
  await page.getByLabel("Password", { exact: true }).fill("another long password");
  await page.getByLabel("Repeat the password").fill("another long password");
  await page.getByLabel("Full name", { exact: true }).fill("Someone Else");
  await page.getByLabel("Agency").fill("Police");
  await page.getByLabel("Country").selectOption("PE");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("An account with this email address already exists.", { exact: false })).toBeVisible();
});

test("the profile keeps the certificate name and changes the password", async ({ page, request }) => {
  const user = await registerUser(request);
  await login(page, user.email, user.password);
  await page.getByRole("link", { name: "Profile" }).click();
  await page.getByLabel("Full name", { exact: true }).fill("محمد العلي");
  await page.getByLabel("Full name in Latin letters").fill("Mohammed Al-Ali");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("Your details have been saved.")).toBeVisible();
  await expect(page.getByLabel("Full name", { exact: true })).toHaveValue("محمد العلي");

  await page.getByLabel("Current password").fill("wrong current password");
  await page.getByLabel("New password").fill("a brand new passphrase");
  await page.getByLabel("Repeat the password").fill("a brand new passphrase");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("The current password is not correct.")).toBeVisible();

  await page.getByLabel("Current password").fill(user.password);
  await page.getByLabel("New password").fill("a brand new passphrase");
  await page.getByLabel("Repeat the password").fill("a brand new passphrase");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("Your password has been changed.", { exact: false })).toBeVisible();

  await logout(page);
  await login(page, user.email, "a brand new passphrase");
});
