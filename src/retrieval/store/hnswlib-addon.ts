import type hnswlib from "hnswlib-node";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

/**
 * Which compiled copy of hnswlib-node's addon to load. npm compiles hnswlib-node for the baseline x86-64 instruction
 * set, so its distance loop uses 128-bit SSE. `scripts/build-hnswlib-simd.ts` (run by `npm install`) compiles a
 * second copy with the AVX-512 or AVX2 kernels hnswlib has, when the installing machine has them, which searched the 15k-passage
 * graph at ef 640 in ~0.6 of the time and built it in ~0.65. It is loaded only when the CPU running now has every
 * flag it was compiled for, because a copied node_modules can land on an older CPU, where it would die on an
 * illegal instruction rather than fall back.
 */
export type Hnswlib = typeof hnswlib;

/** Written beside the accelerated addon by the build script. */
export interface SimdBuildInfo {
  readonly level: string;
  /** /proc/cpuinfo flags the level implies; all must be present at run time. */
  readonly requires: readonly string[];
  readonly hnswlibVersion: string;
  /** Node's addon ABI (process.versions.modules) it was compiled against. */
  readonly modules: string;
  /** Which version of the build script's compile made it (absent: the first); a newer one rebuilds it at install. */
  readonly recipe?: number;
}

export const SIMD_BUILD_DIR = path.join("build", "sitrep-simd");
export const SIMD_BUILD_INFO = "build-info.json";
/** Set to `portable` to load npm's baseline build, for a comparison or if the accelerated one misbehaves. */
export const BUILD_ENV = "SITREP_HNSWLIB";

export interface BuildChoiceInput {
  readonly info: SimdBuildInfo | undefined;
  readonly cpuFlags: ReadonlySet<string>;
  readonly hnswlibVersion: string;
  readonly modules: string;
  readonly requested: string | undefined;
}

/** The accelerated build's level, or why the portable build is used instead. */
export type BuildChoice = { readonly simd: true; readonly level: string } | { readonly simd: false; readonly reason: string };

export function chooseBuild(input: BuildChoiceInput): BuildChoice {
  const { info } = input;
  if (input.requested === "portable") return { simd: false, reason: `${BUILD_ENV}=portable` };
  if (!info) return { simd: false, reason: "no accelerated build (npm install compiles one on Linux x64 with AVX2)" };
  if (info.hnswlibVersion !== input.hnswlibVersion) {
    return { simd: false, reason: `the accelerated build is of hnswlib-node ${info.hnswlibVersion}, not ${input.hnswlibVersion}` };
  }
  if (info.modules !== input.modules) return { simd: false, reason: "the accelerated build is for another Node.js version" };
  const missing = info.requires.filter((flag) => !input.cpuFlags.has(flag));
  if (missing.length > 0) return { simd: false, reason: `this CPU lacks ${missing.join(", ")} (the build is ${info.level})` };
  return { simd: true, level: info.level };
}

/** The instruction-set flags of the first processor in a /proc/cpuinfo text (all cores share them). */
export function cpuFlagsOf(cpuinfo: string): Set<string> {
  const line = /^flags\s*:(.*)$/m.exec(cpuinfo);
  return new Set((line?.[1] ?? "").trim().split(/\s+/).filter(Boolean));
}

export function readCpuFlags(): Set<string> {
  if (process.platform !== "linux") return new Set();
  try {
    return cpuFlagsOf(readFileSync("/proc/cpuinfo", "utf8"));
  } catch {
    return new Set();
  }
}

function isBuildInfo(value: unknown): value is SimdBuildInfo {
  if (typeof value !== "object" || value === null) return false;
  const record = value as Record<string, unknown>;
  return (
    typeof record.level === "string" &&
    typeof record.hnswlibVersion === "string" &&
    typeof record.modules === "string" &&
    Array.isArray(record.requires) &&
    record.requires.every((flag) => typeof flag === "string")
  );
}

/** The accelerated build's record in `buildDir`; undefined when missing or malformed. */
export function readBuildInfo(buildDir: string): SimdBuildInfo | undefined {
  const file = path.join(buildDir, SIMD_BUILD_INFO);
  try {
    const parsed: unknown = JSON.parse(readFileSync(file, "utf8"));
    return isBuildInfo(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

const require = createRequire(import.meta.url);
let loaded: { readonly addon: Hnswlib; readonly choice: BuildChoice } | undefined;

/** Where npm installed hnswlib-node, its version, and where the accelerated build of it goes. */
export function installedHnswlib(): { readonly packageDir: string; readonly version: string; readonly buildDir: string } {
  const packageJson = require.resolve("hnswlib-node/package.json");
  const packageDir = path.dirname(packageJson);
  const { version } = JSON.parse(readFileSync(packageJson, "utf8")) as { version: string };
  return { packageDir, version, buildDir: path.join(packageDir, SIMD_BUILD_DIR) };
}

function load(): { readonly addon: Hnswlib; readonly choice: BuildChoice } {
  const { version, buildDir } = installedHnswlib();
  const choice = chooseBuild({
    info: readBuildInfo(buildDir),
    cpuFlags: readCpuFlags(),
    hnswlibVersion: version,
    modules: process.versions.modules,
    requested: process.env[BUILD_ENV],
  });
  if (choice.simd) {
    try {
      return { addon: require(path.join(buildDir, "addon.node")) as Hnswlib, choice };
    } catch (error) {
      const reason = `the accelerated build did not load (${error instanceof Error ? error.message : String(error)})`;
      return { addon: require("hnswlib-node") as Hnswlib, choice: { simd: false, reason } };
    }
  }
  return { addon: require("hnswlib-node") as Hnswlib, choice };
}

/** hnswlib-node's exports from the fastest build this machine can run, loaded once. */
export function hnswlibAddon(): Hnswlib {
  loaded ??= load();
  return loaded.addon;
}

/** For the benchmark's report: which build `hnswlibAddon` loaded and why. */
export function hnswlibBuild(): BuildChoice {
  loaded ??= load();
  return loaded.choice;
}
