import crypto from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import nodemailer, { type Transporter } from "nodemailer";
import { env } from "./env.server.ts";
import { dataDir } from "./paths.server.ts";

export interface Email {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** BCP 47 language of the message, for the Content-Language header. */
  language?: string;
}

/** Where mail goes without SMTP_URL: one JSON file a message, read by tests and by developers. */
export function outboxDir(): string {
  return path.join(dataDir(), "outbox");
}

let transporter: Transporter | undefined;

function transport(): Transporter {
  const smtp = env().SMTP_URL;
  transporter ??= smtp ? nodemailer.createTransport(smtp) : nodemailer.createTransport({ jsonTransport: true });
  return transporter;
}

export async function sendEmail(email: Email): Promise<void> {
  const info = await transport().sendMail({
    from: env().MAIL_FROM,
    to: email.to,
    subject: email.subject,
    text: email.text,
    html: email.html,
    headers: email.language ? { "Content-Language": email.language } : undefined,
  });
  if (!env().SMTP_URL) {
    await fs.mkdir(outboxDir(), { recursive: true });
    const name = `${new Date().toISOString().replace(/[:.]/g, "-")}-${crypto.randomBytes(4).toString("hex")}.json`;
    await fs.writeFile(
      path.join(outboxDir(), name),
      JSON.stringify({ ...email, message: JSON.parse(String(info.message)) }, null, 2)
    );
  }
}
