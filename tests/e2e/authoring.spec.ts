import { expect, login, logout, registerUser, test } from "./fixtures.ts";

const LESSON = "/courses/ip-crime-introductory/health-and-safety/falsified-medicines";
const EDITOR = "/author/ip-crime-introductory/falsified-medicines/en";
// A 1×1 PNG.
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==",
  "base64"
);

test("an author edits a lesson in Lexical, publishes it, and the learner sees the change", async ({
  page,
  request,
}) => {
  const sentence = `Edited in the browser ${Date.now()}.`;

  await login(page, "admin@example.org");
  await page.getByRole("link", { name: "Authoring", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Authoring" })).toBeVisible();
  await page
    .getByRole("link", { name: /^Edit in English \(published, revision \d+\)$/ })
    .nth(0)
    .waitFor();
  await page.locator(`a[href="${EDITOR}"]`).click();
  await expect(page.getByRole("heading", { level: 1, name: "Falsified medicines" })).toBeVisible();
  const editor = page.getByRole("textbox", { name: "Lesson text" });
  await expect(editor).toBeVisible();

  // An exercise, through its own small form: the reveal cards get a new title.
  const reveal = page.getByRole("group", { name: "Exercise: reveal cards" }).first();
  const yaml = reveal.getByRole("textbox", { name: /Exercise content/ });
  await yaml.fill(
    (await yaml.inputValue()).replace("title: What the laboratory may find", "title: What the lab found")
  );

  // An image: a file that is not an image is refused; a PNG is uploaded and placed in the text.
  const toolbar = page.getByRole("toolbar", { name: "Formatting" });
  await toolbar.getByLabel(/^Image file/).setInputFiles({
    name: "notes.png",
    mimeType: "image/png",
    buffer: Buffer.from("<svg onload=alert(1)></svg>"),
  });
  await toolbar.getByLabel("Description of the image (alt text)").fill("A blister pack");
  await toolbar.getByRole("button", { name: "Upload and insert image" }).click();
  await expect(toolbar.getByRole("status")).toHaveText("This file is not a PNG, JPEG or WebP image.");
  await toolbar.getByLabel(/^Image file/).setInputFiles({ name: "pack.png", mimeType: "image/png", buffer: PNG });
  await editor.locator("p").first().click(); // the image goes where the cursor is: the end of the first paragraph
  await page.keyboard.press("End");
  await toolbar.getByRole("button", { name: "Upload and insert image" }).click();
  await expect(editor.getByRole("img", { name: "A blister pack" })).toBeVisible();

  // Rich text: a new first sentence, in bold.
  await editor.locator("p").first().click();
  await page.keyboard.press("Control+Home");
  await page.keyboard.type(`${sentence} `);
  await page.keyboard.down("Shift");
  for (let i = 0; i < sentence.length + 1; i++) await page.keyboard.press("ArrowLeft");
  await page.keyboard.up("Shift");
  await page.getByRole("button", { name: "Bold" }).click();
  await expect(page.getByRole("button", { name: "Bold" })).toHaveAttribute("aria-pressed", "true");

  // Save a draft first: learners still see the old text.
  await page.getByRole("button", { name: "Save draft" }).click();
  await expect(page).toHaveURL(/notice=saved/);
  await expect(page.getByRole("status").filter({ hasText: "Draft saved" })).toBeVisible();
  await expect(page.getByText(/You are editing the unpublished draft saved on/)).toBeVisible();
  const history = page.getByRole("region", { name: "Version history" }).getByRole("table");
  await expect(history.getByRole("row").nth(1)).toContainText("draft");

  // Then publish it.
  await page.getByRole("button", { name: "Save and publish" }).click();
  await expect(page).toHaveURL(/notice=published/);
  await expect(page.getByRole("status").filter({ hasText: /Published: learners now see revision \d+/ })).toBeVisible();
  await expect(history.getByRole("row").nth(1)).toContainText("published");
  await logout(page);

  // A learner opens the lesson: the new sentence (bold), the renamed cards and the image are there.
  const learner = await registerUser(request);
  await login(page, learner.email, learner.password);
  await page.goto("/courses/ip-crime-introductory");
  await page.getByRole("button", { name: "Enrol and start" }).click();
  await expect(page).toHaveURL(/\/ip-crimes\/what-is-ip-crime$/);
  await page.goto(LESSON);
  await expect(page.locator(".prose strong", { hasText: sentence })).toBeVisible();
  await expect(page.getByText("What the lab found")).toBeVisible();
  const image = page.getByRole("img", { name: "A blister pack" });
  await expect(image).toHaveAttribute("src", /^\/courses\/ip-crime-introductory\/images\/upload-[0-9a-f]{20}\.png$/);
  const served = await request.get((await image.getAttribute("src"))!);
  expect(served.status()).toBe(200);
  expect(served.headers()["content-type"]).toBe("image/png");
  // Learners cannot open the editor.
  const forbidden = await page.goto(EDITOR);
  expect(forbidden?.status()).toBe(403);
});

test("a draft that breaks the course's rules is refused with reasons, and the edit is kept", async ({ page }) => {
  await login(page, "admin@example.org");
  await page.goto("/author/ip-crime-introductory/food-and-drink/en");
  const editor = page.getByRole("textbox", { name: "Lesson text" });
  await expect(editor).toBeVisible();
  const toolbar = page.getByRole("toolbar", { name: "Formatting" });
  await editor.locator("p").first().click();
  // A new knowledge check with empty texts cannot be saved.
  await toolbar.getByLabel("Exercise type").selectOption("knowledge-check");
  await toolbar.getByRole("button", { name: "Insert exercise" }).click();
  await expect(page.getByRole("group", { name: "Exercise: knowledge check" })).toHaveCount(1);
  await page.getByRole("button", { name: "Save draft" }).click();
  const alert = page.getByRole("alert");
  await expect(alert).toContainText(/Not saved: \d+ problems? needs? fixing/);
  await expect(alert).toContainText("new-knowledge-check");
  // Nothing was lost: the inserted exercise is still in the editor, and no draft was written.
  await expect(page.getByRole("group", { name: "Exercise: knowledge check" })).toHaveCount(1);
  await expect(page.getByText("No version has been saved in the browser yet.")).toBeVisible();
  // The non-drag alternative: remove it again with its own button.
  await page
    .getByRole("group", { name: "Exercise: knowledge check" })
    .getByRole("button", { name: "Remove exercise" })
    .click();
  await expect(page.getByRole("group", { name: "Exercise: knowledge check" })).toHaveCount(0);
});

test("an author edits a question of a bank, a broken one is refused, and a fixed one is published", async ({
  page,
}) => {
  await login(page, "admin@example.org");
  await page.goto("/author");
  await page.getByRole("link", { name: "Question banks" }).click();
  await expect(page.getByRole("heading", { name: "Question banks", level: 1 })).toBeVisible();
  await page.getByRole("link", { name: "methanol-in-spirits: Edit in English (published, revision 1)" }).click();
  const source = page.getByLabel("The question, in the bank file format (YAML)");
  await expect(source).toHaveValue(/id: methanol-in-spirits/);
  const original = await source.inputValue();

  // Two right answers to a single-choice question would be ambiguous: refused, with the line, nothing lost.
  await source.fill(original.replace(/type: short-text/, "type: single"));
  await page.getByRole("button", { name: "Save and publish" }).click();
  await expect(page.getByRole("alert")).toContainText("Not saved");
  await expect(source).toHaveValue(/type: single/);

  await source.fill(original.replace(/\ntext: ([^\n]+)/, "\ntext: $1 (Answer in one word.)"));
  await page.getByRole("button", { name: "Save and publish" }).click();
  await expect(page.getByText("Published: the next attempts draw revision 2.")).toBeVisible();
  await expect(source).toHaveValue(/\(Answer in one word\.\)/);
  await expect(page.getByRole("cell", { name: "published" }).first()).toBeVisible();
});
