import { mkdir, mkdtemp, rm, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { freshBuild } from "../../bin/freshness.mjs";

let root: string | undefined;

afterEach(async () => {
  if (root) await rm(root, { recursive: true, force: true });
  root = undefined;
});

/** A project with one source file and a dist/ built at `builtAt` (seconds since the epoch). */
async function project(sourceAt: number, builtAt: number): Promise<string> {
  root = await mkdtemp(path.join(tmpdir(), "sitrep-fresh-"));
  await mkdir(path.join(root, "src", "cli"), { recursive: true });
  await mkdir(path.join(root, "dist"));
  const source = path.join(root, "src", "cli", "main.ts");
  await writeFile(source, "export {};\n");
  await utimes(source, sourceAt, sourceAt);
  await utimes(path.join(root, "src", "cli"), sourceAt, sourceAt);
  await utimes(path.join(root, "src"), sourceAt, sourceAt);
  await writeFile(path.join(root, "dist", "sitrep.js"), "");
  await writeFile(path.join(root, "dist", "build.json"), JSON.stringify({ sourcesAt: builtAt * 1000 }));
  return root;
}

describe("freshBuild (which of dist/ or the sources bin/sitrep.mjs runs)", () => {
  it("GIVEN a build that recorded the newest source time THEN dist/sitrep.js is run", async () => {
    const dir = await project(1_000, 1_000);
    expect(freshBuild(dir)).toBe(path.join(dir, "dist", "sitrep.js"));
  });

  it("GIVEN a source edited after the build THEN the sources are run", async () => {
    const dir = await project(2_000, 1_000);
    expect(freshBuild(dir)).toBeUndefined();
  });

  it("GIVEN a source file deleted after the build THEN its folder's newer time makes the build stale", async () => {
    const dir = await project(1_000, 1_000);
    await rm(path.join(dir, "src", "cli", "main.ts"));
    expect(freshBuild(dir)).toBeUndefined();
  });

  it("GIVEN no dist/ or a build without its record THEN the sources are run", async () => {
    const dir = await project(1_000, 1_000);
    await rm(path.join(dir, "dist", "build.json"));
    expect(freshBuild(dir)).toBeUndefined();
    await rm(path.join(dir, "dist"), { recursive: true });
    expect(freshBuild(dir)).toBeUndefined();
  });
});
