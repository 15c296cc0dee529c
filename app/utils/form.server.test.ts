import { describe, expect, it } from "vitest";
import { csrfToken } from "./csrf.server.ts";
import { parseForm, readForm } from "./form.server.ts";
import { z } from "zod";

const context = { csrfCookie: "cookie-value-abcdefghijklmnop" };
const post = (
  body: BodyInit | null,
  type = "application/x-www-form-urlencoded",
  headers: Record<string, string> = {}
) =>
  new Request("http://localhost/x", {
    method: "POST",
    body,
    headers: { "content-type": type, ...headers },
    duplex: "half",
  } as RequestInit);

async function statusOf(promise: Promise<unknown>): Promise<number | undefined> {
  try {
    await promise;
    return undefined;
  } catch (thrown) {
    return (thrown as { init?: { status?: number } }).init?.status;
  }
}

describe("reading form bodies", () => {
  it("reads a urlencoded body", async () => {
    const form = await readForm(post("a=1&b=%C3%A9"));
    expect(form.get("b")).toBe("é");
  });

  it("refuses oversized bodies with 413, whether or not Content-Length says so", async () => {
    expect(await statusOf(readForm(post("a=1", undefined, { "content-length": "999999" })))).toBe(413);
    const stream = new ReadableStream({
      start(controller) {
        for (let i = 0; i < 100; i++) controller.enqueue(new TextEncoder().encode("x".repeat(1024)));
        controller.close();
      },
    });
    expect(await statusOf(readForm(post(stream)))).toBe(413);
  });

  it("refuses other content types with 415 and invalid UTF-8 with 400", async () => {
    expect(await statusOf(readForm(post("{}", "application/json")))).toBe(415);
    expect(await statusOf(readForm(post(new Uint8Array([0x61, 0x3d, 0xff, 0xfe]))))).toBe(400);
  });
});

describe("CSRF", () => {
  const schema = z.object({ name: z.string() });

  it("accepts the token signed from the browser's cookie", async () => {
    const result = await parseForm(post(`csrf=${csrfToken(context)}&name=x`), context, schema);
    expect(result).toMatchObject({ ok: true, data: { name: "x" } });
  });

  it("refuses a missing, forged or other browser's token with 403", async () => {
    expect(await statusOf(parseForm(post("name=x"), context, schema))).toBe(403);
    expect(await statusOf(parseForm(post("csrf=forged&name=x"), context, schema))).toBe(403);
    const otherBrowser = csrfToken({ csrfCookie: "another-cookie-value-000000" });
    expect(await statusOf(parseForm(post(`csrf=${otherBrowser}&name=x`), context, schema))).toBe(403);
  });
});
