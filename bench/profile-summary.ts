// Summarises a V8 .cpuprofile (from `node --cpu-prof`): top functions by self time and by total (inclusive) time.
// Usage: node --import tsx bench/profile-summary.ts <file.cpuprofile | dir> [top=25] [filter]
// Given a directory, reads its largest .cpuprofile (tsx's loader thread writes a second, small one).
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

interface CallFrame {
  readonly functionName: string;
  readonly url: string;
  readonly lineNumber: number;
}

interface ProfileNode {
  readonly id: number;
  readonly callFrame: CallFrame;
  readonly children?: readonly number[] | undefined;
}

export interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly samples?: readonly number[] | undefined;
  readonly timeDeltas?: readonly number[] | undefined;
}

export interface FunctionCost {
  readonly name: string;
  readonly selfMs: number;
  readonly totalMs: number;
}

function frameName(frame: CallFrame): string {
  const file = frame.url.replace(/^file:\/\//, "").replace(/^.*\/(src|node_modules|bench|tests)\//, "$1/");
  const where = file && frame.lineNumber > 0 ? `${file}:${frame.lineNumber + 1}` : file;
  return `${frame.functionName || "(anonymous)"} ${where}`.trim();
}

/** Self and inclusive time per function (recursion counted once per sample). */
export function summarise(profile: CpuProfile): { costs: FunctionCost[]; totalMs: number } {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  let totalMs = 0;
  const deltas = profile.timeDeltas ?? [];
  (profile.samples ?? []).forEach((id, i) => {
    const ms = (deltas[i] ?? 0) / 1000;
    totalMs += ms;
    const leaf = byId.get(id);
    if (!leaf) return;
    const leafName = frameName(leaf.callFrame);
    self.set(leafName, (self.get(leafName) ?? 0) + ms);
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const node = byId.get(at);
      if (!node) break;
      const name = frameName(node.callFrame);
      if (seen.has(name)) continue;
      seen.add(name);
      total.set(name, (total.get(name) ?? 0) + ms);
    }
  });
  const costs = [...total.entries()].map(([name, totalMs]) => ({ name, totalMs, selfMs: self.get(name) ?? 0 }));
  return { costs, totalMs };
}

/** The largest .cpuprofile in a directory, or the file itself. */
export function profileFile(fileOrDir: string): string {
  if (!statSync(fileOrDir).isDirectory()) return fileOrDir;
  const files = readdirSync(fileOrDir)
    .filter((f) => f.endsWith(".cpuprofile"))
    .map((f) => path.join(fileOrDir, f))
    .sort((a, b) => statSync(b).size - statSync(a).size);
  if (!files[0]) throw new Error(`no .cpuprofile in ${fileOrDir}`);
  return files[0];
}

function main(): void {
  const [target, topArg, filter] = process.argv.slice(2);
  const top = Number(topArg ?? 25);
  if (!target || !Number.isInteger(top) || top < 1) {
    console.error("usage: node --import tsx bench/profile-summary.ts <file.cpuprofile> [top=25] [filter]");
    process.exitCode = 2;
    return;
  }
  const file = profileFile(target);
  const { costs, totalMs } = summarise(JSON.parse(readFileSync(file, "utf8")) as CpuProfile);
  const keep = (c: FunctionCost): boolean => !filter || c.name.includes(filter);
  const pct = (ms: number): string => `${((100 * ms) / totalMs).toFixed(1).padStart(5)}%`;
  console.log(`profile ${file}: ${(totalMs / 1000).toFixed(1)} s sampled`);
  console.log("\nby self time:");
  for (const c of [...costs].filter(keep).sort((a, b) => b.selfMs - a.selfMs).slice(0, top)) {
    console.log(`  ${pct(c.selfMs)} ${c.selfMs.toFixed(0).padStart(7)} ms  ${c.name}`);
  }
  console.log("\nby total (inclusive) time:");
  for (const c of [...costs].filter(keep).sort((a, b) => b.totalMs - a.totalMs).slice(0, top)) {
    console.log(`  ${pct(c.totalMs)} ${c.totalMs.toFixed(0).padStart(7)} ms  ${c.name}`);
  }
}

// By script name, not import.meta.url: bundled into bench/ingest.ts, this module shares that script's URL.
if (/profile-summary\.[jt]s$/.test(process.argv[1] ?? "")) main();
