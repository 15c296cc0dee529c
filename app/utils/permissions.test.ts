import { describe, expect, it } from "vitest";
import { ANYONE, can, ROLE_PERMISSIONS, ROLES, type Role } from "./permissions.ts";

const user = (roles: Role[], id = "u1", isActive = true) => ({ id, roles, isActive });

describe("permission table", () => {
  it("gives every role the member basics on their own things", () => {
    for (const role of ROLES) {
      expect(can(user([role]), "read", "dashboard")).toBe(true);
      expect(can(user([role]), "update", "profile", { ownerId: "u1" })).toBe(true);
    }
  });

  it("keeps 'own' permissions to the owner", () => {
    expect(can(user(["learner"]), "update", "profile", { ownerId: "someone-else" })).toBe(false);
    expect(can(user(["learner"]), "update", "profile", { ownerId: null })).toBe(false);
  });

  it("gives the admin area, users, roles, status and audit log to admins only", () => {
    const adminOnly = [
      ["access", "admin-area"],
      ["read", "user"],
      ["update", "user-role"],
      ["update", "user-status"],
      ["read", "audit-log"],
    ] as const;
    for (const [action, entity] of adminOnly) {
      expect(can(user(["admin"]), action, entity)).toBe(true);
      for (const role of ["learner", "trainer", "mentor", "author"] as const) {
        expect(can(user([role]), action, entity), `${role} ${action}:${entity}`).toBe(false);
      }
    }
  });

  it("lets course authors and admins edit questions, and nobody else", () => {
    expect(can(user(["author"]), "update", "question")).toBe(true);
    expect(can(user(["admin"]), "update", "question")).toBe(true);
    for (const role of ["learner", "trainer", "mentor"] as const)
      expect(can(user([role]), "update", "question"), role).toBe(false);
  });

  it("lets course authors and admins edit lessons, and nobody else", () => {
    expect(can(user(["author"]), "update", "lesson")).toBe(true);
    expect(can(user(["trainer", "author"]), "update", "lesson")).toBe(true);
    expect(can(user(["admin"]), "update", "lesson")).toBe(true);
    for (const role of ["learner", "trainer", "mentor"] as const) {
      expect(can(user([role]), "update", "lesson"), role).toBe(false);
    }
  });

  it("lets everyone sit assessments and see only their own attempts", () => {
    for (const role of ROLES) {
      expect(can(user([role]), "create", "attempt", { ownerId: "u1" })).toBe(true);
      expect(can(user([role]), "read", "attempt", { ownerId: "u1" })).toBe(true);
      if (role !== "admin") expect(can(user([role]), "read", "attempt", { ownerId: "u2" }), role).toBe(false);
    }
  });

  it("shows results and item analysis to trainers and admins; only admins re-grade", () => {
    expect(can(user(["trainer"]), "read", "results")).toBe(true);
    expect(can(user(["admin"]), "read", "results")).toBe(true);
    expect(can(user(["admin"]), "update", "grade")).toBe(true);
    for (const role of ["learner", "mentor", "author"] as const)
      expect(can(user([role]), "read", "results"), role).toBe(false);
    for (const role of ["learner", "trainer", "mentor", "author"] as const)
      expect(can(user([role]), "update", "grade"), role).toBe(false);
  });

  it("lets holders read their own certificates; only admins read, issue, revoke and re-issue anyone's", () => {
    expect(can(user(["learner"]), "read", "certificate", { ownerId: "u1" })).toBe(true);
    expect(can(user(["learner"]), "read", "certificate", { ownerId: "u2" })).toBe(false);
    for (const role of ["learner", "trainer", "mentor", "author"] as const) {
      expect(can(user([role]), "create", "certificate"), role).toBe(false);
      expect(can(user([role]), "update", "certificate"), role).toBe(false);
      expect(can(user([role]), "read", "certificate", { ownerId: "u2" }), role).toBe(false);
    }
    expect(can(user(["admin"]), "read", "certificate", { ownerId: "u2" })).toBe(true);
    // "Everyone's" is asked with ANYONE: an own-only permission does not answer it.
    expect(can(user(["learner"]), "read", "certificate", ANYONE)).toBe(false);
    expect(can(user(["admin"]), "read", "certificate", ANYONE)).toBe(true);
    expect(can(user(["trainer"]), "read", "cohort", ANYONE)).toBe(false);
    expect(can(user(["trainer"]), "update", "cohort", { ownerId: "u1" })).toBe(true);
    expect(can(user(["trainer"]), "update", "cohort", { ownerId: "u2" })).toBe(false);
    expect(can(user(["admin"]), "create", "certificate")).toBe(true);
    expect(can(user(["admin"]), "update", "certificate")).toBe(true);
  });

  it("lets a mentor review only where they are the pairing's mentor; reading anyone's work is for admins", () => {
    // The resource's owner is the pairing's mentor.
    expect(can(user(["mentor"]), "create", "review", { ownerId: "u1" })).toBe(true);
    expect(can(user(["mentor"]), "create", "review", { ownerId: "u2" })).toBe(false);
    expect(can(user(["mentor"]), "create", "mentoring-log", { ownerId: "u2" })).toBe(false);
    expect(can(user(["mentor"]), "update", "pathway", { ownerId: "u1" })).toBe(true);
    expect(can(user(["mentor"]), "update", "pathway", ANYONE)).toBe(false);
    for (const role of ["learner", "trainer", "author"] as const) {
      expect(can(user([role]), "create", "review", { ownerId: "u1" }), role).toBe(false);
      expect(can(user([role]), "update", "pathway", { ownerId: "u1" }), role).toBe(false);
    }
    for (const role of ["learner", "trainer", "mentor", "author"] as const) {
      expect(can(user([role]), "read", "submission", ANYONE), role).toBe(false);
      expect(can(user([role]), "create", "submission", { ownerId: "u1" }), role).toBe(true);
      expect(can(user([role]), "create", "submission", { ownerId: "u2" }), role).toBe(false);
    }
    expect(can(user(["admin"]), "read", "submission", ANYONE)).toBe(true);
    expect(can(user(["admin"]), "update", "pathway", ANYONE)).toBe(true);
    // Pairing: lead trainers their own cohorts' people (checked by the domain), admins anyone.
    expect(can(user(["trainer"]), "create", "pairing")).toBe(true);
    expect(can(user(["trainer"]), "create", "pairing", ANYONE)).toBe(false);
    expect(can(user(["mentor"]), "create", "pairing")).toBe(false);
    expect(can(user(["admin"]), "create", "pairing", ANYONE)).toBe(true);
  });

  it("unions the permissions of several roles", () => {
    expect(can(user(["learner", "admin"]), "read", "audit-log")).toBe(true);
  });

  it("refuses everything to anonymous and deactivated users", () => {
    expect(can(null, "read", "dashboard")).toBe(false);
    expect(can(undefined, "read", "dashboard")).toBe(false);
    expect(can(user(["admin"], "u1", false), "access", "admin-area")).toBe(false);
  });

  it("ignores role names it does not know", () => {
    expect(can({ id: "u1", roles: ["superuser"] }, "access", "admin-area")).toBe(false);
  });

  it("only lists well-formed permission strings", () => {
    for (const perms of Object.values(ROLE_PERMISSIONS)) {
      for (const p of perms) expect(p).toMatch(/^(create|read|update|delete|access):[a-z-]+:(own|any)$/);
    }
  });
});
