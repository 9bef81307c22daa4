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

describe("decodeWithHeader", () => {
  const values = Float32Array.of(1.5, -2, 3.25);
  const encoded = encodeWithHeader({ n: 3 }, [values]);
  const arraysOf = (file: Uint8Array): number[] => {
    const decoded = decodeWithHeader<{ n: number }>(file);
    return Array.from(new Float32Array(decoded.buffer, decoded.offset, decoded.header.n));
  };

  it("GIVEN the file in a buffer of its own THEN its arrays are read in place", () => {
    const own = new Uint8Array(encoded.length);
    own.set(encoded);
    expect(arraysOf(own)).toEqual([1.5, -2, 3.25]);
    expect(decodeWithHeader(own).buffer).toBe(own.buffer);
  });

  it("GIVEN the file at an unaligned offset of a larger buffer THEN its arrays are read from an aligned copy", () => {
    const shared = new Uint8Array(encoded.length + 8);
    shared.set(encoded, 3);
    expect(arraysOf(shared.subarray(3, 3 + encoded.length))).toEqual([1.5, -2, 3.25]);
  });
});
