import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { test as base, expect, type APIRequestContext, type Page } from "@playwright/test";

export const DEMO_PASSWORD = process.env.DEMO_PASSWORD || "provenance-demo";
export const DEMO = {
  learner: "learner@example.org",
  trainer: "trainer@example.org",
  mentor: "mentor@example.org",
  admin: "admin@example.org",
} as const;

const DATA_DIR = path.resolve("tests/.tmp/e2e");

export function uniqueEmail(prefix: string) {
  return `${prefix}-${crypto.randomBytes(5).toString("hex")}@example.test`;
}

/** The CSRF token of a page, as a form would carry it. */
export async function csrfFrom(request: APIRequestContext, url: string): Promise<string> {
  const html = await (await request.get(url)).text();
  const match = /name="csrf" value="([^"]+)"/.exec(html);
  if (!match) throw new Error(`no CSRF field on ${url}`);
  return match[1]!;
}

export interface NewUser {
  email: string;
  password: string;
  fullName: string;
}

/** Register someone through the real form endpoint (not the UI), for tests that need a fresh person. */
export async function registerUser(request: APIRequestContext, overrides: Partial<NewUser> = {}): Promise<NewUser> {
  const user = {
    email: overrides.email ?? uniqueEmail("officer"),
    password: overrides.password ?? "a sturdy passphrase 42",
    fullName: overrides.fullName ?? `Officer ${crypto.randomBytes(3).toString("hex")}`,
  };
  const csrf = await csrfFrom(request, "/register");
  const response = await request.post("/register", {
    form: {
      csrf,
      email: user.email,
      password: user.password,
      confirmPassword: user.password,
      fullName: user.fullName,
      agency: "Customs Service",
      country: "KE",
      preferredLanguage: "en",
    },
    maxRedirects: 0,
  });
  expect(response.status(), await response.text()).toBe(302);
  return user;
}

export async function login(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto("/login");
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page).toHaveURL(/\/dashboard/);
  await waitForHydration(page);
}

/**
 * Wait until the current document is interactive: React has hydrated it (root.tsx), or, on pages
 * served without React, the island script has loaded (public/islands/lesson.js).
 */
export async function waitForHydration(page: Page) {
  await expect(page.locator("html[data-hydrated], html[data-islands]")).toBeAttached();
}

export async function logout(page: Page) {
  await page.getByRole("button", { name: "Log out" }).click();
  await expect(page).toHaveURL(/\/\?notice=logged-out/);
}

/** The newest message in the file outbox for `to`. */
export async function latestEmailTo(to: string): Promise<{ subject: string; text: string; html: string }> {
  const dir = path.join(DATA_DIR, "outbox");
  for (let i = 0; i < 50; i++) {
    const files = fs.existsSync(dir) ? fs.readdirSync(dir).sort().reverse() : [];
    for (const file of files) {
      const mail = JSON.parse(fs.readFileSync(path.join(dir, file), "utf8"));
      if (mail.to === to) return mail;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no email to ${to} in ${dir}`);
}

/** Every test fails on a browser console error or an uncaught page error. */
export const test = base.extend<{ failOnConsoleErrors: void }>({
  failOnConsoleErrors: [
    async ({ page }, use) => {
      const problems: string[] = [];
      page.on("console", (message) => {
        // Deliberate 4xx responses (403, 404, 429…) are logged by the browser as failed loads.
        if (message.type() === "error" && !/status of 4\d\d/.test(message.text())) problems.push(message.text());
      });
      page.on("pageerror", (error) => problems.push(error.message));
      await use();
      expect(problems, "console errors").toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
