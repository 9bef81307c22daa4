import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const created: string[] = [];

/** Writes `files` (relative path → content) into a fresh temporary directory and returns its path. */
export function tempCorpus(files: Record<string, string | Uint8Array>): string {
  const dir = mkdtempSync(path.join(tmpdir(), "sitrep-corpus-"));
  created.push(dir);
  for (const [file, content] of Object.entries(files)) {
    const full = path.join(dir, file);
    mkdirSync(path.dirname(full), { recursive: true });
    writeFileSync(full, content);
  }
  return dir;
}

export function removeTempCorpora(): void {
  for (const dir of created.splice(0)) rmSync(dir, { recursive: true, force: true });
}
