// Temporary: validate one bank file against the question schema (until courses:check covers banks).
import fs from "node:fs";
import { z } from "zod";
import { parseYaml } from "~/domain/courses/parse.ts";
import { QuestionSchema } from "~/domain/assessments/schema.ts";
const file = process.argv[2]!;
const r = parseYaml(file, fs.readFileSync(file, "utf8"), 1, z.object({ questions: z.array(QuestionSchema).min(1) }).strict(), "bank");
for (const i of r.issues) console.log(`${i.file}:${i.line}: ${i.message}`);
if (r.value) {
  const ids = r.value.questions.map((q: { id: string }) => q.id);
  const dup = ids.filter((id: string, i: number) => ids.indexOf(id) !== i);
  if (dup.length) console.log("duplicate ids:", dup.join(", "));
  const by = (k: string) => Object.entries(r.value!.questions.reduce((m: Record<string, number>, q: Record<string, unknown>) => { const v = k === "topic" ? (q.topics as string[])[0] : String(q[k]); m[v!] = (m[v!] ?? 0) + 1; return m; }, {}));
  console.log(`${ids.length} questions; types`, by("type"), "topics", by("topic"), "difficulty", by("difficulty"));
}
process.exit(r.issues.length ? 1 : 0);
