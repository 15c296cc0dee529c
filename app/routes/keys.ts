import { publishedKeys } from "~/domain/certificates/crypto/published-keys.server.ts";
import { env } from "~/utils/env.server.ts";

/**
 * The college's public keys, current and retired, by key id: Ed25519 keys that sign certificate
 * records and credentials, and the certificates that sign PDFs. Stable URL; also at
 * /.well-known/provenance-keys.json.
 */
export async function loader() {
  return Response.json(await publishedKeys(env().appUrl), {
    headers: { "Cache-Control": "public, max-age=300", "Access-Control-Allow-Origin": "*" },
  });
}
