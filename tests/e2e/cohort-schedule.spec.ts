import crypto from "node:crypto";
import AxeBuilder from "@axe-core/playwright";
import { DEMO, DEMO_PASSWORD, expect, latestEmailTo, login, test, waitForHydration } from "./fixtures.ts";

const COHORT = "Spain — Policía Nacional, autumn 2026";

test("a trainer schedules a live session and a deadline and messages the cohort; a member sees them", async ({
  browser,
}) => {
  const run = crypto.randomBytes(3).toString("hex");
  const topic = `Mid-course review ${run}`;
  const link = `https://video.example.org/provenance-es-${run}`;
  const subject = `Room change ${run}`;

  const trainerContext = await browser.newContext();
  const trainer = await trainerContext.newPage();
  await login(trainer, DEMO.trainer);
  await trainer.goto("/cohorts");
  await trainer.getByRole("link", { name: COHORT }).click();
  await expect(trainer.getByRole("heading", { level: 1, name: COHORT })).toBeVisible();
  const cohortPath = new URL(trainer.url()).pathname;

  await trainer.getByRole("link", { name: "Edit details and schedule" }).click();
  await expect(trainer.getByRole("heading", { level: 1, name: "Details and schedule" })).toBeVisible();
  await trainer.getByLabel("Date and time (UTC)").fill("2026-11-12T15:30");
  await trainer.getByLabel("Place or video link").fill(link);
  await trainer.getByLabel("Topic").fill(topic);
  await trainer.getByRole("button", { name: "Add the session" }).click();
  await expect(trainer.getByText("The live session has been added to the schedule.")).toBeVisible();
  await expect(trainer.getByRole("link", { name: link })).toBeVisible();

  // The first module's deadline: a day later than the seeded one (still past, so nobody's flags change).
  const deadlines = trainer.getByRole("region", { name: "Module deadlines" });
  await deadlines.locator('input[type="date"]').first().fill("2026-10-09");
  await trainer.getByRole("button", { name: "Save the deadlines" }).click();
  await expect(trainer.getByText("The module deadlines have been saved.")).toBeVisible();
  await expect(
    trainer.getByRole("region", { name: "Module deadlines" }).locator('input[type="date"]').first()
  ).toHaveValue("2026-10-09");

  await trainer.goto(cohortPath);
  await trainer.getByLabel("Subject", { exact: true }).fill(subject);
  await trainer
    .getByLabel("Message", { exact: true })
    .fill("The review moves online.\n\nBring your case notes & questions.");
  await trainer.getByRole("button", { name: "Send to the cohort" }).click();
  await expect(trainer.getByText(/^The announcement has been sent to \d+ members\.$/)).toBeVisible();
  await expect(trainer.getByRole("heading", { level: 3, name: subject })).toBeVisible();
  await expect(trainer.getByLabel("Subject", { exact: true })).toHaveValue(""); // a fresh form (and key) for the next message
  await trainerContext.close();

  // A member of the cohort: the session (its link a link), the deadline and the announcement; nobody else's data.
  const learnerContext = await browser.newContext();
  const learner = await learnerContext.newPage();
  await login(learner, DEMO.learner);
  await learner.goto("/cohorts");
  await learner.getByRole("region", { name: "Cohorts you belong to" }).getByRole("link", { name: COHORT }).click();
  await expect(learner).toHaveURL(cohortPath);
  const schedule = learner.getByRole("region", { name: "Schedule" });
  await expect(schedule.getByText(topic)).toBeVisible();
  await expect(schedule.getByRole("link", { name: link })).toHaveAttribute("href", link);
  await expect(schedule.getByText("Madrid, Escuela Nacional de Policía, aula 3").first()).toBeVisible();
  await expect(schedule.getByRole("link", { name: /Madrid/ })).toHaveCount(0); // a room is not a link
  await expect(
    learner.getByRole("region", { name: "Module deadlines" }).getByText("9 October 2026", { exact: true })
  ).toBeVisible();
  const news = learner.getByRole("region", { name: "Announcements" });
  await expect(news.getByRole("heading", { name: subject })).toBeVisible();
  await expect(news.getByText("Bring your case notes & questions.")).toBeVisible();
  await expect(learner.getByRole("table")).toHaveCount(0);
  await expect(learner.getByLabel("Subject", { exact: true })).toHaveCount(0); // members do not message the cohort
  await expect(learner.getByRole("link", { name: "Edit details and schedule" })).toHaveCount(0);
  expect(await learner.content()).not.toContain("c.ruiz@example.org");
  expect((await learner.request.get(`${cohortPath}/edit`)).status()).toBe(404);

  await learner.goto("/dashboard");
  await expect(learner.getByText(`New announcement in ${COHORT}: “${subject}”`)).toBeVisible();
  const mail = await latestEmailTo(DEMO.learner);
  expect(mail.subject).toBe(`${COHORT}: ${subject}`);
  expect(mail.text).toContain("Bring your case notes & questions.");
  await learnerContext.close();
});

test("the edit page and a member's cohort page meet WCAG 2.2 AA automated checks", async ({ browser }) => {
  for (const [email, suffix] of [
    [DEMO.trainer, "/edit"],
    [DEMO.learner, ""],
  ] as const) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await login(page, email);
    await page.goto("/cohorts");
    await page.getByRole("link", { name: COHORT }).click();
    await expect(page).toHaveURL(/\/cohorts\/[^/]+$/);
    await page.goto(`${new URL(page.url()).pathname}${suffix}`);
    await waitForHydration(page);
    const { violations } = await new AxeBuilder({ page })
      .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"])
      .analyze();
    expect(
      violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`),
      email
    ).toEqual([]);
    await context.close();
  }
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the trainer adds a live session, and posting the same form again adds nothing more", async ({ page }) => {
    const topic = `Offline planning ${crypto.randomBytes(3).toString("hex")}`;
    await page.goto("/login");
    await page.getByLabel("Email address").fill(DEMO.trainer);
    await page.getByLabel("Password", { exact: true }).fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Log in" }).click();
    await expect(page).toHaveURL(/\/dashboard/);
    await page.goto("/cohorts");
    await page.getByRole("link", { name: COHORT }).click();
    await page.getByRole("link", { name: "Edit details and schedule" }).click();
    const editUrl = page.url();
    await page.getByLabel("Date and time (UTC)").fill("2026-11-19T10:00");
    await page.getByLabel("Place or video link").fill("Madrid, aula 5");
    await page.getByLabel("Topic").fill(topic);
    // The form as the browser would post it again (a double click or a retry): same fields, same one-time key.
    const form = page.locator("form", { has: page.getByLabel("Topic") });
    const fields: Record<string, string> = {
      intent: "add-session",
      startsAt: "2026-11-19T10:00",
      place: "Madrid, aula 5",
      topic,
    };
    for (const name of ["csrf", "key"])
      fields[name] = (await form.locator(`input[name="${name}"]`).getAttribute("value")) ?? "";
    await page.getByRole("button", { name: "Add the session" }).click();
    await expect(page.getByText("The live session has been added to the schedule.")).toBeVisible();
    const again = await page.request.post(editUrl, {
      form: fields,
      maxRedirects: 0,
    });
    expect(again.status()).toBe(302);
    expect(again.headers()["location"]).toContain("done=session_already");
    await page.reload();
    await expect(page.getByText(topic)).toHaveCount(1);
  });
});
