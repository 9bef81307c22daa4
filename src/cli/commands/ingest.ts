import type { SyncReport } from "../../retrieval/indexing.js";
import type { CliIo } from "../io.js";
import type { CommonOptions } from "../options.js";

/** The index was brought up to date while the engine opened; this prints what that took. */
export function ingestSummary(report: SyncReport, options: CommonOptions, io: CliIo): number {
  if (options.json) {
    io.out(JSON.stringify(report));
    return 0;
  }
  const changes = [
    report.rebuilt !== undefined ? `rebuilt (${report.rebuilt})` : "",
    report.added.length ? `${report.added.length} added` : "",
    report.changed.length ? `${report.changed.length} changed` : "",
    report.removed.length ? `${report.removed.length} removed` : "",
  ].filter(Boolean);
  io.out(
    `Indexed ${report.documents} documents, ${report.passages} passages, ${report.skipped.length} skipped files` +
      ` in ${report.seconds.toFixed(1)} s${changes.length ? ` — ${changes.join(", ")}` : " — up to date"}.`,
  );
  return 0;
}
