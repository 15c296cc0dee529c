import fs from "node:fs";
import path from "node:path";
import { expect, registerUser, test, waitForHydration } from "./fixtures.ts";

const LANGUAGES = ["en", "fr", "es", "ar", "zh", "pt"] as const;
const strings = (lng: string) =>
  JSON.parse(fs.readFileSync(path.resolve("app/i18n/locales", lng, "common.json"), "utf8")) as {
    home: { title: string };
    nav: { login: string };
  };

test("switching to Arabic gives a right-to-left page, and back", async ({ page }) => {
  await page.goto("/");
  await expect(page.locator("html")).toHaveAttribute("dir", "ltr");
  await page.locator(".language-switcher summary").click();
  await page.getByRole("button", { name: "العربية" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "ar");
  await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(strings("ar").home.title);
  // The layout mirrors: the brand sits at the right edge of the header.
  const brand = await page.locator(".brand").boundingBox();
  const viewport = page.viewportSize()!;
  expect(brand!.x).toBeGreaterThan(viewport.width / 2);
  // The choice sticks across pages.
  await page
    .getByRole("banner")
    .getByRole("link", { name: strings("ar").nav.login })
    .click();
  await expect(page.locator("html")).toHaveAttribute("dir", "rtl");

  await page.locator(".language-switcher summary").click();
  await page.getByRole("button", { name: "English" }).click();
  await expect(page.locator("html")).toHaveAttribute("dir", "ltr");
});

test("logging in as someone who reads Arabic switches the page to Arabic, never laying English out right to left", async ({
  page,
}) => {
  await page.goto("/login");
  await waitForHydration(page); // so that logging in is a client-side navigation, whose new strings load after it
  // Every state the document goes through is recorded: its language and direction, and its heading.
  await page.evaluate(() => {
    const states: string[] = [];
    (window as unknown as { states: string[] }).states = states;
    const html = document.documentElement;
    new MutationObserver(() => {
      states.push(`${html.lang}|${html.dir}|${document.querySelector("h1")?.textContent ?? ""}`);
    }).observe(html, { attributes: true, childList: true, subtree: true, characterData: true });
  });
  await page.getByLabel("Email address").fill("certified@example.org");
  await page.getByLabel("Password", { exact: true }).fill(process.env.DEMO_PASSWORD || "provenance-demo");
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page).toHaveURL(/\/dashboard/);
  await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("أهلًا بك، ليلى حداد");
  const states = await page.evaluate(() => (window as unknown as { states: string[] }).states);
  expect(states.filter((s) => s.startsWith("ar|") && /Welcome|Log in/.test(s))).toEqual([]); // never mixed,
  expect(states.some((s) => s.startsWith("en|ltr|Welcome"))).toBe(true); // though the English page came first
});

for (const lng of LANGUAGES) {
  test(`the home page renders in ${lng}`, async ({ page }) => {
    await page.goto("/");
    await page.locator(".language-switcher summary").click();
    await page.locator(`.language-switcher button[value="${lng}"]`).click();
    await expect(page.locator("html")).toHaveAttribute("lang", lng);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(strings(lng).home.title);
    await expect(page.getByRole("banner").getByRole("link", { name: strings(lng).nav.login })).toBeVisible();
  });
}

test("a first visit follows the browser's Accept-Language", async ({ browser }) => {
  const context = await browser.newContext({
    locale: "es-ES",
    extraHTTPHeaders: { "Accept-Language": "es-ES,es;q=0.9" },
  });
  const page = await context.newPage();
  await page.goto("/");
  await expect(page.locator("html")).toHaveAttribute("lang", "es");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(strings("es").home.title);
  await context.close();
});

test("a signed-in user's preferred language wins over the browser's", async ({ browser, request }) => {
  const user = await registerUser(request); // prefers English
  const context = await browser.newContext({
    locale: "fr-FR",
    extraHTTPHeaders: { "Accept-Language": "fr-FR,fr;q=0.9" },
  });
  const page = await context.newPage();
  await page.goto("/login");
  await expect(page.locator("html")).toHaveAttribute("lang", "fr");
  await page.locator('input[name="email"]').fill(user.email);
  await page.locator('input[name="password"]').fill(user.password);
  await page.locator('form button[type="submit"]').last().click();
  await expect(page).toHaveURL(/\/dashboard/);
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Welcome, ${user.fullName}`);
  await context.close();
});
