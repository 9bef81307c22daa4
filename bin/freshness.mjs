// Whether dist/ was built from the sources now under src/: shared by bin/sitrep.mjs (at every start, so it must be
// cheap: one stat per file, no reading) and scripts/build.mjs (which records what it built from).

import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

/**
 * The latest modification time under src/, folders included: an edited or added file changes its own time, and a
 * deleted or renamed one changes its folder's. 0 when there is no src/ (nothing to be stale against).
 */
export function newestSourceMtime(root) {
  const src = path.join(root, "src");
  let newest = 0;
  let entries;
  try {
    newest = statSync(src).mtimeMs;
    entries = readdirSync(src, { recursive: true });
  } catch {
    return newest;
  }
  for (const entry of entries) newest = Math.max(newest, statSync(path.join(src, entry)).mtimeMs);
  return newest;
}

/** The built CLI's path when dist/ is complete and no source is newer than the build; undefined otherwise. */
export function freshBuild(root) {
  const dist = path.join(root, "dist");
  try {
    const { sourcesAt } = JSON.parse(readFileSync(path.join(dist, "build.json"), "utf8"));
    const entry = path.join(dist, "sitrep.js");
    statSync(entry);
    return typeof sourcesAt === "number" && newestSourceMtime(root) <= sourcesAt ? entry : undefined;
  } catch {
    return undefined;
  }
}
