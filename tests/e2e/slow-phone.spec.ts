import { DEMO, DEMO_PASSWORD, expect, test } from "./fixtures.ts";

// On a slow phone people type and tap before React has hydrated the page. The form must still
// work, and no React error may surface (see remixStateDecoded in app/entry.client.tsx).
test("logging in on a slow phone, before the page has finished hydrating", async ({ page }) => {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: 12 });
  await page.goto("/login", { waitUntil: "commit" });
  await page.getByLabel("Email address").fill(DEMO.learner);
  await page.getByLabel("Password", { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page).toHaveURL(/\/dashboard/, { timeout: 20_000 });
  await expect(page.getByRole("heading", { name: "Welcome, Amina Okafor" })).toBeVisible({ timeout: 20_000 });
});
