// `npm run reminders`: send the reminders that are due now (assignment deadlines, certificates about to
// lapse), for a cron job when the server runs with REMINDERS=off. Each reminder is sent once, ever.
import { runReminders } from "../app/domain/reminders/reminders.server.ts";
import { prisma } from "../app/utils/db.server.ts";

const result = await runReminders();
console.log(`Reminders sent: ${result.due} assignment deadline(s), ${result.expiring} certificate(s) about to lapse.`);
await prisma.$disconnect();
