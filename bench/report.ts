// Turns per-scale results into the printed tables: every figure per scale, the targets beside the ~14k-passage
// scale with PASS/MISS, and how each cost grows against corpus size.

import type { ScaleResult } from "./protocol.js";
import { median } from "./stats.js";

export interface Target {
  readonly metric: string;
  readonly limit: number;
  readonly direction: "max" | "min";
  readonly unit: string;
  readonly value: (r: ScaleResult) => number;
}

/** The passage count the targets were set for (seed + SOTU, about 13-15k passages). */
export const TARGET_PASSAGES = 14_000;

export const TARGETS: readonly Target[] = [
  { metric: "ingest wall", limit: 20, direction: "max", unit: "s", value: (r) => r.ingest.wallS },
  { metric: "cold start (sitrep ask)", limit: 1000, direction: "max", unit: "ms", value: (r) => r.coldStart.wallMsMedian },
  { metric: "ask p50", limit: 5, direction: "max", unit: "ms", value: (r) => r.ask.p50 },
  { metric: "ask p99", limit: 25, direction: "max", unit: "ms", value: (r) => r.ask.p99 },
  { metric: "recall@10", limit: 0.98, direction: "min", unit: "", value: (r) => r.recall.recall },
  { metric: "peak RSS", limit: 400, direction: "max", unit: "MB", value: (r) => r.rssMb.afterServe },
];

export function meets(target: Target, value: number): boolean {
  return target.direction === "max" ? value <= target.limit : value >= target.limit;
}

/** The measured scale nearest the passage count the targets were set for. */
export function targetScale(results: readonly ScaleResult[]): ScaleResult | undefined {
  return [...results].sort((a, b) => Math.abs(a.passages - TARGET_PASSAGES) - Math.abs(b.passages - TARGET_PASSAGES))[0];
}

function fixed(value: number, digits: number): string {
  return Number.isFinite(value) ? value.toFixed(digits) : "-";
}

function table(rows: readonly (readonly string[])[]): string {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return rows
    .map((row, r) =>
      row
        .map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!)))
        .join("  ")
        .concat(r === 0 ? `\n${widths.map((w) => "-".repeat(w)).join("  ")}` : ""),
    )
    .join("\n");
}

interface Row {
  readonly label: string;
  readonly value: (r: ScaleResult) => string;
  readonly target?: Target;
}

const ms = (v: number): string => fixed(v, v < 10 ? 2 : v < 100 ? 1 : 0);

const ROWS: readonly Row[] = [
  { label: "passages", value: (r) => String(r.passages) },
  { label: "documents", value: (r) => String(r.documents) },
  { label: "ingest wall (s)", value: (r) => fixed(r.ingest.wallS, 1), target: TARGETS[0]! },
  { label: "  of which syncIndex (s)", value: (r) => fixed(r.ingest.syncS, 1) },
  { label: "  ingest CPU (s)", value: (r) => fixed(r.ingest.cpuS, 1) },
  { label: "ingest passages/s", value: (r) => fixed(r.ingest.passagesPerS, 0) },
  { label: "index on disk (MB)", value: (r) => fixed(r.ingest.indexMb, 1) },
  { label: "cold start: sitrep ask, median (ms)", value: (r) => fixed(r.coldStart.wallMsMedian, 0), target: TARGETS[1]! },
  { label: "  sitrep ask, min (ms)", value: (r) => fixed(r.coldStart.wallMsMin, 0) },
  { label: "  sitrep ask ran", value: (r) => (r.coldStart.cliFromDist ? "dist/" : "tsx (stale dist/)") },
  { label: "  breakdown script wall (ms)", value: (r) => fixed(r.coldStart.breakdownWallMsMedian, 0) },
  { label: "  child: boot (ms)", value: (r) => coldPart(r, (c) => c.bootMs) },
  { label: "  child: import (ms)", value: (r) => coldPart(r, (c) => c.importMs) },
  { label: "  child: openEngine (ms)", value: (r) => coldPart(r, (c) => c.openMs) },
  { label: "    of which syncIndex (ms)", value: (r) => coldPart(r, (c) => c.syncMs) },
  { label: "  child: first answer (ms)", value: (r) => coldPart(r, (c) => c.firstAnswerMs) },
  { label: "first ask in warm process (ms)", value: (r) => ms(r.firstAskMs) },
  { label: "ask p50 (ms)", value: (r) => ms(r.ask.p50), target: TARGETS[2]! },
  { label: "ask p95 (ms)", value: (r) => ms(r.ask.p95) },
  { label: "ask p99 (ms)", value: (r) => ms(r.ask.p99), target: TARGETS[3]! },
  { label: "search p50 (ms)", value: (r) => ms(r.search.p50) },
  { label: "search p95 (ms)", value: (r) => ms(r.search.p95) },
  { label: "search p99 (ms)", value: (r) => ms(r.search.p99) },
  { label: "HNSW store load from disk (ms)", value: (r) => ms(r.storeLoadMs) },
  { label: "HNSW k=10 p50 (ms), store's efSearch", value: (r) => ms(r.recall.hnswMs.p50) },
  { label: "HNSW k=10 p99 (ms)", value: (r) => ms(r.recall.hnswMs.p99) },
  { label: "hnswlib build loaded", value: (r) => r.hnswlibBuilds.loaded },
  { label: "  searchKnn k=10 p50: loaded / npm's portable build (ms)", value: (r) => `${ms(r.hnswlibBuilds.loadedMs.p50)} / ${ms(r.hnswlibBuilds.portableMs.p50)}` },
  { label: "baseline: exact k=10 p50 (ms)", value: (r) => ms(r.recall.exactMs.p50) },
  { label: "baseline: exact k=10 p99 (ms)", value: (r) => ms(r.recall.exactMs.p99) },
  { label: "recall@10 vs exact", value: (r) => fixed(r.recall.recall, 4), target: TARGETS[4]! },
  { label: "  eval-question queries", value: (r) => fixed(r.recall.questionRecall, 4) },
  { label: "  passage-text queries", value: (r) => fixed(r.recall.passageRecall, 4) },
  { label: "  label overlap@10 (ties not credited)", value: (r) => fixed(r.recall.labelRecall, 4) },
  { label: "  worst query", value: (r) => fixed(r.recall.worstQuery, 2) },
  ...[0, 1, 2, 3].map(
    (i): Row => ({
      label: i === 0 ? "  efSearch sweep: recall / p50 ms" : "",
      value: (r) => {
        const point = r.recall.sweep[i];
        return point ? `ef ${point.efSearch}: ${fixed(point.recall, 4)} / ${ms(point.hnswMs.p50)}` : "";
      },
    }),
  ),
  { label: "peak RSS ingest+serve (MB)", value: (r) => fixed(r.rssMb.afterServe, 0), target: TARGETS[5]! },
  { label: "  peak RSS after ingest (MB)", value: (r) => fixed(r.rssMb.afterIngest, 0) },
  { label: "  peak RSS cold-start child (MB)", value: (r) => fixed(r.rssMb.coldStartChild, 0) },
  { label: "  peak RSS incl. recall phase (MB)", value: (r) => fixed(r.rssMb.final, 0) },
  { label: "eval: gold cited (answerable)", value: (r) => share(r.quality.goldCited, r.quality.answerable) },
  { label: "eval: unanswerable abstained", value: (r) => share(r.quality.unanswerableAbstained, r.quality.unanswerable) },
  { label: "noise: calibration start/end (ms)", value: (r) => `${fixed(r.calibrationMs.start, 0)}/${fixed(r.calibrationMs.end, 0)}` },
  { label: "noise: load avg start/end", value: (r) => `${fixed(r.loadAverage.start, 1)}/${fixed(r.loadAverage.end, 1)}` },
  { label: "scale wall time (s)", value: (r) => fixed(r.seconds, 0) },
];

function coldPart(r: ScaleResult, part: (c: ScaleResult["coldStart"]["runs"][number]) => number): string {
  return ms(median(r.coldStart.runs.map(part)));
}

function share(value: number, of: number): string {
  return of > 0 ? `${fixed(100 * value, 1)}% of ${of}` : "-";
}

function targetText(target: Target): string {
  return `${target.direction === "max" ? "<=" : ">="} ${target.limit}${target.unit ? " " + target.unit : ""}`;
}

/** Every figure per scale, with targets and a PASS/MISS column beside the scale nearest 14k passages. */
export function figuresTable(results: readonly ScaleResult[]): string {
  const judged = targetScale(results);
  const header = ["metric", "target"];
  for (const r of results) {
    header.push(`x${r.scale}`);
    if (r === judged) header.push(`x${r.scale} vs target`);
  }
  const rows = ROWS.filter((row) => results.some((r) => row.value(r) !== "")).map((row) => {
    const cells = [row.label, row.target ? targetText(row.target) : ""];
    for (const r of results) {
      cells.push(row.value(r));
      if (r === judged) cells.push(row.target ? (meets(row.target, row.target.value(r)) ? "PASS" : "MISS") : "");
    }
    return cells;
  });
  return table([header, ...rows]);
}

/** Cost at each scale as a multiple of the smallest scale's, beside the corpus multiple. */
export function growthTable(results: readonly ScaleResult[]): string {
  const base = results[0];
  if (!base || results.length < 2) return "(growth table needs two scales or more)";
  // Figures that could not be measured are null in results.json (JSON has no NaN); null / x would read as 0.
  const ratio = (value: (r: ScaleResult) => number) => (r: ScaleResult): string => {
    const [a, b] = [value(r), value(base)];
    return Number.isFinite(a) && Number.isFinite(b) && b !== 0 ? `x${fixed(a / b, 2)}` : "-";
  };
  const columns: readonly [string, (r: ScaleResult) => string][] = [
    ["corpus (passages)", ratio((r) => r.passages)],
    ["ingest wall", ratio((r) => r.ingest.wallS)],
    ["ingest CPU", ratio((r) => r.ingest.cpuS)],
    ["cold start", ratio((r) => r.coldStart.wallMsMedian)],
    ["ask p50", ratio((r) => r.ask.p50)],
    ["ask p99", ratio((r) => r.ask.p99)],
    ["search p50", ratio((r) => r.search.p50)],
    ["HNSW p50", ratio((r) => r.recall.hnswMs.p50)],
    ["exact p50", ratio((r) => r.recall.exactMs.p50)],
    ["peak RSS", ratio((r) => r.rssMb.afterServe)],
    ["calibration", ratio((r) => r.calibrationMs.start)],
  ];
  return table([["scale", ...columns.map(([name]) => name)], ...results.map((r) => [`x${r.scale}`, ...columns.map(([, f]) => f(r))])]);
}

/** Problems inside scales that still produced results. */
export function warningsText(results: readonly ScaleResult[]): string {
  return results
    .filter((r) => r.coldStart.error !== undefined)
    .map((r) => `x${r.scale}: cold start not measured: ${r.coldStart.error}`)
    .join("\n");
}

/** The top functions of each profiled phase. */
export function profileText(results: readonly ScaleResult[]): string {
  const out: string[] = [];
  for (const r of results) {
    for (const [phase, profile] of Object.entries(r.profiles ?? {})) {
      if (!profile) continue;
      out.push(`x${r.scale} ${phase}: ${(profile.sampledMs / 1000).toFixed(1)} s sampled (${profile.file})`);
      out.push("  by self time:");
      for (const f of profile.bySelf.slice(0, 10)) {
        out.push(`    ${((100 * f.selfMs) / profile.sampledMs).toFixed(1).padStart(5)}%  ${f.name}`);
      }
      out.push("  by total time:");
      for (const f of profile.byTotal.slice(0, 12)) {
        out.push(`    ${((100 * f.totalMs) / profile.sampledMs).toFixed(1).padStart(5)}%  ${f.name}`);
      }
    }
  }
  return out.join("\n");
}
