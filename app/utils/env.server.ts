import { z } from "zod";

/** Environment, validated once at boot: a bad value stops the server with a clear message. */
const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  DATA_DIR: z.string().min(1).default("data"),
  APP_URL: z.string().url().optional(),
  SESSION_SECRET: z.string().min(32).optional(),
  SMTP_URL: z.string().url().optional(),
  MAIL_FROM: z.string().min(3).default("Provenance <no-reply@provenance.local>"),
  TRUST_PROXY: z.enum(["true", "false"]).default("false"),
  DEMO_PASSWORD: z.string().min(8).default("provenance-demo"),
  /** Production: a directory holding the certificate signing keyring (read-only use); else DATA_DIR/keys. */
  CERTIFICATE_KEYS_DIR: z.string().min(1).optional(),
});

export type Env = z.infer<typeof EnvSchema>;

let cached: (Env & { appUrl: string; cookieSecure: boolean }) | undefined;

export function env() {
  if (cached) return cached;
  const parsed = EnvSchema.safeParse(process.env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n");
    throw new Error(`Invalid environment:\n${problems}`);
  }
  const value = parsed.data;
  const appUrl = (value.APP_URL ?? `http://localhost:${value.PORT}`).replace(/\/$/, "");
  // Secure cookies whenever the public address is https; a production build served on plain
  // http://localhost (the demo) still needs its cookies to work in every browser.
  const cookieSecure = appUrl.startsWith("https://");
  cached = { ...value, appUrl, cookieSecure };
  return cached;
}
