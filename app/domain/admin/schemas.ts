import { z } from "zod";
import { AUDIT_ACTIONS } from "~/domain/audit/actions.ts";
import { ROLES } from "~/utils/permissions.ts";

const page = z.coerce.number().int().min(1).max(100_000).catch(1);

/** Query string of the users list; bad values fall back to defaults instead of failing. */
export const UserSearchSchema = z.object({
  q: z.string().trim().max(200).optional().catch(undefined),
  role: z.enum(ROLES).optional().catch(undefined),
  status: z.enum(["active", "deactivated"]).optional().catch(undefined),
  page,
});

export const AuditSearchSchema = z.object({
  action: z.enum(AUDIT_ACTIONS).optional().catch(undefined),
  actor: z.string().trim().max(254).optional().catch(undefined),
  target: z.string().trim().max(64).optional().catch(undefined),
  page,
});

/** The forms on a user's admin page; `intent` names which one was sent. */
export const UserAdminActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("grant"), role: z.enum(ROLES, { message: "errors.invalid" }) }),
  z.object({ intent: z.literal("revoke"), role: z.enum(ROLES, { message: "errors.invalid" }) }),
  z.object({ intent: z.literal("deactivate") }),
  z.object({ intent: z.literal("reactivate") }),
]);
