import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { test as base, expect, type APIRequestContext, type Page } from "@playwright/test";
import Database from "better-sqlite3";
import { parse as parseYaml } from "yaml";
import type { Layout } from "~/domain/assessments/layout.ts";
import type { Question } from "~/domain/assessments/schema.ts";
import { rightForm } from "../factories/right-answers.ts";

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

/**
 * The e2e server's database, opened from the test process for what a browser cannot do: let time
 * pass (cool-downs, deadlines) and read an attempt's questions as the examiner knows them.
 */
export function e2eDatabase() {
  return new Database(path.join(DATA_DIR, "provenance.db"), { fileMustExist: true, timeout: 5000 });
}

/** Move every recorded time of `email`'s attempts `minutes` into the past, as if that time had passed. */
export function letTimePass(email: string, minutes: number) {
  const db = e2eDatabase();
  const shift = (column: string) =>
    `${column} = CASE WHEN ${column} IS NULL THEN NULL ELSE strftime('%Y-%m-%dT%H:%M:%fZ', ${column}, '-${Math.round(
      minutes
    )} minutes') END`;
  db.prepare(
    `UPDATE Attempt SET ${shift("startedAt")}, ${shift("deadline")}, ${shift("closedAt")}, ${shift("gradedAt")}
     WHERE userId = (SELECT id FROM User WHERE email = ?)`
  ).run(email.toLowerCase());
  db.close();
}

/** The right answers to the question at `position` of an attempt, as form fields the page posts. */
export function rightFieldsFor(attemptId: string, position: number): [string, string][] {
  const db = e2eDatabase();
  const row = db
    .prepare(
      `SELECT aq.layout AS layout, qc.definition AS definition FROM AttemptQuestion aq
       JOIN QuestionContent qc ON qc.questionId = aq.questionId AND qc.language = 'en'
       WHERE aq.attemptId = ? AND aq.position = ?`
    )
    .get(attemptId, position) as { layout: string; definition: string } | undefined;
  db.close();
  if (!row) throw new Error(`no question ${position} in attempt ${attemptId}`);
  return rightForm(JSON.parse(row.definition) as Question, JSON.parse(row.layout) as Layout);
}

/** Fill a question's fields on the page (radio, checkbox, select or text) with these values. */
export async function fillFields(page: Page, fields: [string, string][]) {
  for (const [name, value] of fields) {
    const inputs = page.locator(`[name="${name}"]`);
    const tag = await inputs.first().evaluate((el) => el.tagName.toLowerCase() + ":" + (el.getAttribute("type") ?? ""));
    if (tag === "select:") await inputs.selectOption(value);
    else if (tag === "input:radio" || tag === "input:checkbox")
      await page.locator(`[name="${name}"][value="${value}"]`).check();
    else await inputs.fill(value);
  }
}

/** Post urlencoded fields as a browser form does (repeated names kept, e.g. several ticked boxes). */
export function postForm(request: APIRequestContext, url: string, fields: [string, string][]) {
  return request.post(url, {
    headers: { "content-type": "application/x-www-form-urlencoded" },
    data: new URLSearchParams(fields).toString(),
    maxRedirects: 0,
  });
}

/**
 * Enrol in a course and pass each module quiz (the condition for its final assessment) through the
 * quiz pages' own form endpoints, answering as someone who knows the answers.
 */
export async function passModuleQuizzes(request: APIRequestContext, courseId: string) {
  const csrf = await csrfFrom(request, `/courses/${courseId}`);
  await request.post(`/courses/${courseId}?index`, { form: { csrf }, maxRedirects: 0 });
  const settings = parseYaml(fs.readFileSync(path.resolve("courses", courseId, "assessments.yaml"), "utf8")) as {
    assessments: { id: string; kind: string }[];
  };
  for (const quiz of settings.assessments.filter((a) => a.kind === "quiz")) {
    const started = await request.post(`/courses/${courseId}/assessments/${quiz.id}?index`, {
      form: { csrf },
      maxRedirects: 0,
    });
    const attemptUrl = started.headers().location!;
    const attemptId = /\/attempts\/([^/?#]+)/.exec(attemptUrl)![1]!;
    const db = e2eDatabase();
    const count = (
      db.prepare("SELECT COUNT(*) AS n FROM AttemptQuestion WHERE attemptId = ?").get(attemptId) as {
        n: number;
      }
    ).n;
    db.close();
    for (let position = 0; position < count; position++) {
      const saved = await postForm(request, `${attemptUrl}?index`, [
        ["csrf", csrf],
        ["position", String(position)],
        ...rightFieldsFor(attemptId, position),
      ]);
      expect(saved.status(), `quiz ${quiz.id} question ${position}`).toBe(302);
    }
    const submitted = await request.post(`${attemptUrl}?index`, { form: { csrf, intent: "submit" }, maxRedirects: 0 });
    expect(submitted.headers().location, `quiz ${quiz.id}`).toMatch(/\/review$/);
  }
}
