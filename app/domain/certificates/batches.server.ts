import { audit } from "~/domain/audit/audit.server.ts";
import { prisma } from "~/utils/db.server.ts";
import { approveRequest, issueCertificate } from "./issue.server.ts";

/**
 * Bulk issuance. An administrator's batch is stored first (who, which rule, which people), then
 * worked through in the background, one certificate at a time with a yield between them so the site
 * keeps answering; the page shows a progress bar from the stored counters. A batch interrupted by a
 * restart resumes where it stopped (`resumeBatches` on the next admin page view): each item is
 * removed from the list in the same step that counts it, and issuing is idempotent per person and rule.
 */
export type BatchItem = { kind: "request"; id: string } | { kind: "user"; id: string };

export async function startBatch(input: { adminId: string; ruleId: string; items: BatchItem[]; reason?: string }) {
  const batch = await prisma.$transaction(async (tx) => {
    const created = await tx.certificateBatch.create({
      data: {
        createdById: input.adminId,
        ruleId: input.ruleId,
        reason: input.reason ?? null,
        total: input.items.length,
        status: "queued",
        items: JSON.stringify(input.items),
      },
      select: { id: true },
    });
    await audit(
      {
        actorId: input.adminId,
        action: "certificate.batch_started",
        targetType: "batch",
        targetId: created.id,
        details: { rule: input.ruleId, total: input.items.length, ...(input.reason ? { reason: input.reason } : {}) },
      },
      tx
    );
    return created;
  });
  void runBatch(batch.id);
  return batch.id;
}

const running = new Set<string>();
const CHUNK = 10;

/** Work through a batch; a second call while it runs in this process does nothing. */
export async function runBatch(batchId: string): Promise<void> {
  if (running.has(batchId)) return;
  running.add(batchId);
  try {
    const batch = await prisma.certificateBatch.findUniqueOrThrow({
      where: { id: batchId },
      select: { createdById: true, ruleId: true, reason: true, items: true, status: true },
    });
    if (batch.status === "finished") return;
    await prisma.certificateBatch.update({ where: { id: batchId }, data: { status: "running" } });
    let items = JSON.parse(batch.items) as BatchItem[];
    while (items.length > 0) {
      const chunk = items.slice(0, CHUNK);
      let done = 0;
      let skipped = 0;
      let failed = 0;
      for (const item of chunk) {
        try {
          const result =
            item.kind === "request"
              ? await approveRequest(item.id, batch.createdById, "bulk")
              : await issueCertificate({
                  userId: item.id,
                  ruleId: batch.ruleId,
                  mode: "bulk",
                  actorId: batch.createdById,
                  reason: batch.reason ?? undefined,
                });
          if (result.ok) done++;
          else skipped++;
        } catch (error) {
          console.error(`Batch ${batchId}: issuing for ${item.kind} ${item.id} failed`, error);
          failed++;
        }
        await new Promise((resolve) => setImmediate(resolve)); // let requests in between
      }
      items = items.slice(chunk.length);
      await prisma.certificateBatch.update({
        where: { id: batchId },
        data: {
          done: { increment: done },
          skipped: { increment: skipped },
          failed: { increment: failed },
          items: JSON.stringify(items),
        },
      });
    }
    await prisma.certificateBatch.update({
      where: { id: batchId },
      data: { status: "finished", finishedAt: new Date() },
    });
  } finally {
    running.delete(batchId);
  }
}

/** Resume batches a restart interrupted. */
export async function resumeBatches() {
  const open = await prisma.certificateBatch.findMany({
    where: { status: { in: ["queued", "running"] } },
    select: { id: true },
  });
  for (const batch of open) if (!running.has(batch.id)) void runBatch(batch.id);
}

export async function batchStatus(batchId: string) {
  return prisma.certificateBatch.findUnique({
    where: { id: batchId },
    select: {
      id: true,
      ruleId: true,
      total: true,
      done: true,
      skipped: true,
      failed: true,
      status: true,
      createdAt: true,
      finishedAt: true,
    },
  });
}

export async function recentBatches(take = 5) {
  return prisma.certificateBatch.findMany({
    orderBy: { createdAt: "desc" },
    take,
    select: {
      id: true,
      ruleId: true,
      total: true,
      done: true,
      skipped: true,
      failed: true,
      status: true,
      createdAt: true,
    },
  });
}
