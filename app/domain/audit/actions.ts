/** Security- and certificate-relevant actions. New ones are added here, so the log stays searchable. */
export const AUDIT_ACTIONS = [
  "auth.register",
  "auth.login",
  "auth.login_failed",
  "auth.login_rate_limited",
  "auth.logout",
  "auth.password_changed",
  "auth.password_reset_requested",
  "auth.password_reset_completed",
  "profile.updated",
  "role.granted",
  "role.revoked",
  "user.deactivated",
  "user.reactivated",
  "lesson.draft_saved",
  "lesson.published",
  "assessment.regraded",
  "question.published",
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];
