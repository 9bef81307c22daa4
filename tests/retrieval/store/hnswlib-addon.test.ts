import { describe, expect, it } from "vitest";
import { chooseBuild, cpuFlagsOf, type BuildChoiceInput } from "../../../src/retrieval/store/hnswlib-addon.js";

const avx512Build = { level: "avx512", requires: ["avx", "avx2", "fma", "avx512f"], hnswlibVersion: "3.0.0", modules: "115" };
const machine: BuildChoiceInput = {
  info: avx512Build,
  cpuFlags: new Set(["sse2", "avx", "avx2", "fma", "avx512f", "avx512bw"]),
  hnswlibVersion: "3.0.0",
  modules: "115",
  requested: undefined,
};

describe("chooseBuild", () => {
  it("GIVEN a build for flags this CPU has, of the installed hnswlib-node and Node ABI THEN it is loaded", () => {
    expect(chooseBuild(machine)).toEqual({ simd: true, level: "avx512" });
  });

  it("GIVEN a CPU without AVX-512 (node_modules copied to an older machine) THEN the portable build, naming the missing flag", () => {
    const choice = chooseBuild({ ...machine, cpuFlags: new Set(["avx", "avx2", "fma"]) });
    expect(choice).toEqual({ simd: false, reason: "this CPU lacks avx512f (the build is avx512)" });
  });

  it("GIVEN no CPU flags could be read (not Linux) THEN the portable build", () => {
    expect(chooseBuild({ ...machine, cpuFlags: new Set() }).simd).toBe(false);
  });

  it("GIVEN hnswlib-node was upgraded after the build THEN the portable build", () => {
    const choice = chooseBuild({ ...machine, hnswlibVersion: "3.1.0" });
    expect(choice).toEqual({ simd: false, reason: "the accelerated build is of hnswlib-node 3.0.0, not 3.1.0" });
  });

  it("GIVEN another Node.js ABI THEN the portable build", () => {
    expect(chooseBuild({ ...machine, modules: "127" }).simd).toBe(false);
  });

  it("GIVEN no build info THEN the portable build", () => {
    expect(chooseBuild({ ...machine, info: undefined }).simd).toBe(false);
  });

  it("GIVEN SITREP_HNSWLIB=portable THEN the portable build even where the accelerated one would run", () => {
    expect(chooseBuild({ ...machine, requested: "portable" })).toEqual({ simd: false, reason: "SITREP_HNSWLIB=portable" });
  });
});

describe("cpuFlagsOf", () => {
  it("GIVEN a /proc/cpuinfo text THEN the first processor's flags", () => {
    const cpuinfo = "processor\t: 0\nmodel name\t: AMD EPYC\nflags\t\t: fpu sse2 avx  avx2 fma\nbugs\t\t: spectre\n\nprocessor\t: 1\nflags\t\t: fpu\n";
    expect([...cpuFlagsOf(cpuinfo)]).toEqual(["fpu", "sse2", "avx", "avx2", "fma"]);
  });

  it("GIVEN a text without a flags line THEN no flags", () => {
    expect(cpuFlagsOf("processor\t: 0\n").size).toBe(0);
  });
});
