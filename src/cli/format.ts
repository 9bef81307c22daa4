import type { Answer } from "../answer/types.js";
import type { SearchHit } from "../retrieval/hybrid-search.js";

/** The `--json` shape of an answer: stable keys, nothing internal. */
export function answerJson(answer: Answer): object {
  return {
    question: answer.question,
    abstained: answer.abstained,
    answer: answer.answer,
    citations: answer.citations.map(({ n, docId, title, paragraph, quote, score }) => ({ n, docId, title, paragraph, quote, score })),
  };
}

export function formatAnswer(answer: Answer): string {
  const lines = [answer.answer, ""];
  if (answer.abstained) {
    if (answer.closest.length > 0) {
      lines.push("Closest passages (they do not answer it):");
      for (const hit of answer.closest) lines.push(`- ${hit.title}, ¶${hit.paragraph} — “${excerpt(hit.text, 30)}”`);
    }
  } else {
    lines.push("Sources");
    for (const c of answer.citations) lines.push(`[${c.n}] ${c.title}, ¶${c.paragraph} — “${c.quote}”`);
  }
  return lines.join("\n");
}

export function searchJson(hit: SearchHit): object {
  return {
    docId: hit.docId,
    title: hit.title,
    paragraph: hit.paragraph,
    score: Math.round(hit.score * 1000) / 1000,
    text: hit.text,
  };
}

export function formatSearchHit(hit: SearchHit, rank: number): string {
  return `${rank}. [${hit.score.toFixed(3)}] ${hit.title}, ¶${hit.paragraph}\n   ${excerpt(hit.text, 40)}`;
}

export function excerpt(text: string, words: number): string {
  const parts = text.split(/\s+/);
  return parts.length <= words ? text : `${parts.slice(0, words).join(" ")} …`;
}
