import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { env } from "./env.server.ts";
import { dataDir } from "./paths.server.ts";

let secret: string | undefined;

/**
 * The server's signing secret: SESSION_SECRET from the environment, else a random one kept in
 * DATA_DIR/secrets/app-secret (created on first use, readable by the owner only). Never in git.
 */
export function appSecret(): string {
  if (secret) return secret;
  const fromEnv = env().SESSION_SECRET;
  if (fromEnv) return (secret = fromEnv);
  const file = path.join(dataDir(), "secrets", "app-secret");
  try {
    secret = fs.readFileSync(file, "utf8").trim();
  } catch {
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    const fresh = crypto.randomBytes(48).toString("base64url");
    try {
      fs.writeFileSync(file, fresh, { mode: 0o600, flag: "wx" });
      secret = fresh;
    } catch {
      secret = fs.readFileSync(file, "utf8").trim(); // another process won the race
    }
  }
  return secret;
}

export function hmac(value: string): string {
  return crypto.createHmac("sha256", appSecret()).update(value).digest("base64url");
}

export function sha256(value: string): string {
  return crypto.createHash("sha256").update(value).digest("hex");
}

export function randomToken(bytes = 32): string {
  return crypto.randomBytes(bytes).toString("base64url");
}

export function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && crypto.timingSafeEqual(left, right);
}
