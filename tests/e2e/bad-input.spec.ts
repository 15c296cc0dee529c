import { csrfFrom, expect, test } from "./fixtures.ts";

test("a form posted without its CSRF token is refused with 403", async ({ request }) => {
  const response = await request.post("/login", {
    form: { email: "learner@example.org", password: "provenance-demo" },
    maxRedirects: 0,
  });
  expect(response.status()).toBe(403);
  expect(await response.text()).not.toMatch(/at .*\.js:\d+/); // no stack trace
});

test("a form posted from another site is refused even with a token", async ({ request }) => {
  const csrf = await csrfFrom(request, "/login");
  const response = await request.post("/login", {
    form: { csrf, email: "learner@example.org", password: "provenance-demo" },
    headers: { Origin: "https://evil.example" },
    maxRedirects: 0,
  });
  expect(response.status()).toBe(403);
});

test("an oversized body gets 413, a wrong content type 415, never a 500", async ({ request }) => {
  const csrf = await csrfFrom(request, "/login");
  const huge = await request.post("/login", {
    form: { csrf, email: "a@b.co", password: "x".repeat(100_000) },
    maxRedirects: 0,
  });
  expect(huge.status()).toBe(413);
  const giant = await request.post("/login", {
    data: "x".repeat(2_000_000),
    headers: { "Content-Type": "text/plain" },
  });
  expect(giant.status()).toBe(413);
  const json = await request.post("/login", { data: { csrf, email: "a@b.co" }, maxRedirects: 0 });
  expect(json.status()).toBe(415);
});

test("malformed query strings and unknown pages answer 4xx", async ({ request }) => {
  expect((await request.get("/admin/users?page=-5&role=emperor")).status()).toBeLessThan(500);
  expect((await request.get("/%E0%A4%A")).status()).toBe(400);
  const missing = await request.get("/no-such-page");
  expect(missing.status()).toBe(404);
  expect(await missing.text()).toContain("Page not found");
});

test("the health endpoint reports the database", async ({ request }) => {
  const response = await request.get("/healthz");
  expect(response.status()).toBe(200);
  const body = await response.json();
  expect(body).toMatchObject({ status: "ok", database: { status: "ok" } });
});
