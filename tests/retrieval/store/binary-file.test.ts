import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { decodeWithHeader, encodeWithHeader, writeWithHeaderAtomic } from "../../../src/retrieval/store/binary-file.js";

describe("writeWithHeaderAtomic", () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "sitrep-binary-"));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("GIVEN arrays larger than its staging buffer THEN the file is byte for byte what encodeWithHeader makes, and no temp file is left", async () => {
    const big = Float32Array.from({ length: 400_000 }, (_, i) => i / 7);
    const arrays = [Uint32Array.of(1, 2, 3), big, Float32Array.of(0.5)];
    const header = { ids: ["a#1", "b#2"], note: "odd length" };
    const target = path.join(dir, "file.bin");
    await writeWithHeaderAtomic(target, header, arrays);

    const written = await readFile(target);
    expect(written.equals(encodeWithHeader(header, arrays))).toBe(true);
    expect(decodeWithHeader(written).header).toEqual(header);
    expect(await readdir(dir)).toEqual(["file.bin"]);
  });
});
