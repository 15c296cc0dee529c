/** Password length rules, shared by the forms' hints and the schemas (kept apart so pages need not ship Zod). */
export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 200;
