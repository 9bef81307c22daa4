// In-process CPU profiling of one phase (ingest, or a pass of asks) through the inspector, so a profile covers just
// that phase rather than the whole process as `node --cpu-prof` would.

import { writeFile } from "node:fs/promises";
import { Session } from "node:inspector/promises";
import { summarise, type CpuProfile } from "./profile-summary.js";
import type { PhaseProfile } from "./protocol.js";

const TOP = 15;

export function summariseProfile(file: string, profile: CpuProfile): PhaseProfile {
  const { costs, totalMs } = summarise(profile);
  return {
    file,
    sampledMs: totalMs,
    bySelf: [...costs].sort((a, b) => b.selfMs - a.selfMs).slice(0, TOP),
    byTotal: [...costs].sort((a, b) => b.totalMs - a.totalMs).slice(0, TOP),
  };
}

export async function profilePhase<T>(file: string, fn: () => Promise<T>): Promise<{ value: T; profile: PhaseProfile }> {
  const session = new Session();
  session.connect();
  try {
    await session.post("Profiler.enable");
    await session.post("Profiler.setSamplingInterval", { interval: 500 });
    await session.post("Profiler.start");
    const value = await fn();
    const { profile } = await session.post("Profiler.stop");
    await writeFile(file, JSON.stringify(profile));
    return { value, profile: summariseProfile(file, profile) };
  } finally {
    session.disconnect();
  }
}
