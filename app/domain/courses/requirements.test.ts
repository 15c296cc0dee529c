import { describe, expect, it } from "vitest";
import { parseRequirements, requirementsJson } from "./requirements.ts";

describe("course requirements", () => {
  it("keeps the plain array for courses without a certificate requirement", () => {
    expect(requirementsJson({ prerequisites: ["ip-crime-introductory"] })).toBe('["ip-crime-introductory"]');
    expect(parseRequirements('["ip-crime-introductory"]')).toEqual({
      courses: ["ip-crime-introductory"],
      certificate: null,
    });
  });

  it("round-trips a certificate requirement", () => {
    const json = requirementsJson({ prerequisites: [], requiresCertificate: "ip-crime-investigator-certified" });
    expect(parseRequirements(json)).toEqual({ courses: [], certificate: "ip-crime-investigator-certified" });
  });

  it("ignores what is not a course id", () => {
    expect(parseRequirements('{"courses":["a",3],"certificate":7}')).toEqual({ courses: ["a"], certificate: null });
  });
});
