import { describe, expect, it } from "vitest";
import { AnnouncementSchema, DeadlinesSchema, SessionSchema } from "./schemas.ts";

const session = {
  intent: "add-session",
  startsAt: "2027-03-10T08:30",
  place: "Rabat",
  topic: "Opening",
  key: "k".repeat(22),
};

describe("a live session's form", () => {
  it("reads the time as UTC and takes a room or a web link as the place", () => {
    const parsed = SessionSchema.parse(session);
    expect(parsed.startsAt.toISOString()).toBe("2027-03-10T08:30:00.000Z");
    for (const place of ["https://meet.example.org/x?y=1", "Teams: details by email", "Salle 3, bâtiment B"])
      expect(SessionSchema.safeParse({ ...session, place }).success, place).toBe(true);
  });

  it("refuses links that are not web addresses, a missing key and line breaks", () => {
    for (const place of ["javascript:alert(1)", "data:text/html,x", "https:// spaced", "ftp://files.example.org"])
      expect(SessionSchema.safeParse({ ...session, place }).error?.issues[0]?.message, place).toBe(
        "cohorts:errors.place_link"
      );
    expect(SessionSchema.safeParse({ ...session, key: "short" }).success).toBe(false);
    expect(SessionSchema.safeParse({ ...session, topic: "two\nlines" }).success).toBe(false);
    expect(SessionSchema.safeParse({ ...session, startsAt: "2027-03-10" }).success).toBe(false);
  });
});

describe("the deadlines form", () => {
  it("turns one field per module into dates or nulls, and refuses other fields", () => {
    expect(DeadlinesSchema.parse({ intent: "deadlines", "due:c/basics": "2027-03-20", "due:c/advanced": "" })).toEqual({
      intent: "deadlines",
      deadlines: { "c/basics": new Date("2027-03-20T00:00:00Z"), "c/advanced": null },
    });
    expect(DeadlinesSchema.safeParse({ intent: "deadlines", other: "2027-03-20" }).success).toBe(false);
    expect(DeadlinesSchema.safeParse({ intent: "deadlines", "due:c/basics": "20/03/2027" }).success).toBe(false);
  });
});

describe("an announcement", () => {
  it("counts a browser's CRLF as one line break and trims the message", () => {
    const parsed = AnnouncementSchema.parse({
      intent: "announce",
      subject: " Room change ",
      body: "  One.\r\n\r\nTwo.  ",
      key: "a".repeat(16),
    });
    expect(parsed).toMatchObject({ subject: "Room change", body: "One.\n\nTwo." });
    expect(
      AnnouncementSchema.safeParse({ intent: "announce", subject: "x", body: "   ", key: "a".repeat(16) }).success
    ).toBe(false);
  });
});
