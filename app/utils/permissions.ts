/**
 * The one place that decides who may do what. Every loader and action asks `can` (through
 * requirePermission in permissions.server.ts); hiding a link is only cosmetic.
 *
 * Permission strings read `action:entity:access`; `own` applies to resources whose owner is the
 * user, `any` to all. A user holds the union of their roles' permissions.
 */
export const ROLES = ["learner", "trainer", "mentor", "author", "admin"] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}

export type Action = "create" | "read" | "update" | "delete" | "access";
export type Entity =
  | "dashboard"
  | "profile"
  | "admin-area"
  | "user"
  | "user-role"
  | "user-status"
  | "audit-log"
  | "enrolment"
  | "lesson"
  | "interaction"
  | "attempt"
  | "results"
  | "grade"
  | "question"
  | "certificate"
  | "cohort"
  | "submission"
  | "review"
  | "pairing"
  | "mentoring-log"
  | "pathway";
export type Access = "own" | "any";
export type Permission = `${Action}:${Entity}:${Access}`;

const EVERY_MEMBER: Permission[] = [
  "read:dashboard:own",
  "read:profile:own",
  "update:profile:own",
  // Learning: enrol oneself, open the lessons of one's enrolments, answer their questions.
  "create:enrolment:own",
  "read:lesson:own",
  "create:interaction:own",
  // Assessments: sit quizzes and examinations, see one's own attempts.
  "create:attempt:own",
  "read:attempt:own",
  "read:certificate:own",
  // Assignments: write, save and submit one's own work; follow a pathway (e.g. becoming a trainer).
  "create:submission:own",
  "read:submission:own",
  "read:pathway:own",
  "create:pathway:own",
];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  learner: EVERY_MEMBER,
  // Trainers follow their learners' results and the questions' statistics.
  // Lead trainers also pair mentors with the members of their own cohorts.
  trainer: [
    ...EVERY_MEMBER,
    "read:results:any",
    "create:cohort:own",
    "read:cohort:own",
    "update:cohort:own",
    "create:pairing:own",
  ],
  // Mentors review their own trainees' work (the owner is the pairing's mentor), keep the mentoring log,
  // and sign off their trainees' pathways.
  mentor: [...EVERY_MEMBER, "create:review:own", "create:mentoring-log:own", "update:pathway:own"],
  // Course authors: usually trainers whom an administrator has authorised to edit and publish lessons.
  author: [...EVERY_MEMBER, "update:lesson:any", "update:question:any"],
  admin: [
    ...EVERY_MEMBER,
    "access:admin-area:any",
    "read:user:any",
    "update:user-role:any",
    "update:user-status:any",
    "read:audit-log:any",
    // Authoring: edit and publish lessons in the browser.
    "update:lesson:any",
    // Results of every learner, item analysis, and re-grading after a question is fixed.
    "read:results:any",
    "update:grade:any",
    "update:question:any",
    "read:certificate:any",
    "create:certificate:any",
    "update:certificate:any",
    "create:cohort:any",
    "read:cohort:any",
    "update:cohort:any",
    "read:submission:any",
    "create:pairing:any",
    "read:mentoring-log:any",
    "update:pathway:any",
  ],
};

export interface Actor {
  id: string;
  roles: readonly string[];
  isActive?: boolean;
}

/**
 * May `user` do `action` on `entity`? Pass `ownerId` when the resource belongs to someone:
 * an `own` permission then applies only when the owner is the user. A deactivated or absent
 * user may do nothing.
 */
export function can(
  user: Actor | null | undefined,
  action: Action,
  entity: Entity,
  resource?: { ownerId: string | null | undefined }
): boolean {
  if (!user || user.isActive === false) return false;
  const held = new Set(user.roles.filter(isRole).flatMap((role) => ROLE_PERMISSIONS[role]));
  if (held.has(`${action}:${entity}:any`)) return true;
  if (!held.has(`${action}:${entity}:own`)) return false;
  return resource === undefined || (resource.ownerId != null && resource.ownerId === user.id);
}

/**
 * Pass as the resource to ask about everyone's things, not one's own: `can(user, "read", "certificate", ANYONE)`
 * is true only with `read:certificate:any`. (Without a resource, an `own` permission also answers yes.)
 */
export const ANYONE = { ownerId: null } as const;
