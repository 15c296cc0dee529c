import type { Layout } from "~/domain/assessments/layout.ts";
import type { Part, Question } from "~/domain/assessments/schema.ts";

// Pure (no database): used by integration tests and by Playwright tests, which fill the page with these.

/** Form fields (display positions, as the page posts them) that answer a question right. */
export function rightForm(question: Question | Part, layout: Layout, prefix = ""): [string, string][] {
  const at = (order: number[], canonical: number) => String(order.indexOf(canonical));
  switch (question.type) {
    case "single":
    case "multiple":
      return question.options.flatMap((o, i) => (o.correct ? [[`${prefix}answer`, at(layout.options!, i)]] : []));
    case "true-false":
      return [[`${prefix}answer`, String(question.answer)]];
    case "matching":
      return question.pairs.map((_, i) => [`${prefix}match-${i}`, at(layout.answers!, i)]);
    case "ordering":
      return layout.items!.map((canonical, shown) => [`${prefix}position-${shown}`, String(canonical)]);
    case "short-text":
      return [[`${prefix}answer`, question.accept[0]!]];
    case "numeric":
      return [[`${prefix}answer`, String(question.answer)]];
    case "scenario":
      return (question as Extract<Question, { type: "scenario" }>).parts.flatMap((part, i) =>
        rightForm(part, layout.parts![i]!, `${prefix}p${i}-`)
      );
  }
}
