import { prisma } from "~/utils/db.server.ts";

/** Liveness and database check for load balancers and monitoring. No authentication, no secrets. */
export async function loader() {
  const started = performance.now();
  try {
    await prisma.$queryRawUnsafe("SELECT 1");
    const latencyMs = Math.round((performance.now() - started) * 100) / 100;
    return Response.json(
      { status: "ok", database: { status: "ok", latencyMs } },
      { headers: { "Cache-Control": "no-store" } }
    );
  } catch {
    return Response.json(
      { status: "error", database: { status: "unavailable" } },
      { status: 503, headers: { "Cache-Control": "no-store" } }
    );
  }
}
