import { randomBytes } from "node:crypto";
import { open, rename, rm } from "node:fs/promises";

/**
 * The index's sidecar file format: a 4-byte length, a JSON header padded to a multiple of 4 bytes, then raw typed
 * arrays. Loading reads one buffer and views the arrays in place, which is what keeps start-up fast; JSON for the
 * numbers themselves would take seconds to parse at 15k passages.
 */
export function encodeWithHeader(header: unknown, arrays: readonly ArrayBufferView[]): Buffer {
  const json = Buffer.from(JSON.stringify(header), "utf8");
  const padded = Buffer.alloc(Math.ceil(json.length / 4) * 4, 0x20);
  json.copy(padded);
  const length = Buffer.alloc(4);
  length.writeUInt32LE(padded.length);
  return Buffer.concat([length, padded, ...arrays.map((a) => Buffer.from(a.buffer, a.byteOffset, a.byteLength))]);
}

export interface DecodedFile<T> {
  readonly header: T;
  /** The file's bytes starting at offset 0 of this buffer, so typed arrays can view it at any 4-byte offset. */
  readonly buffer: ArrayBuffer;
  /** Where the arrays start. */
  readonly offset: number;
  readonly byteLength: number;
}

export function decodeWithHeader<T>(file: Uint8Array): DecodedFile<T> {
  // readFile gives a large file a buffer of its own, and a file read into a WebAssembly memory starts it: viewed as
  // is, it saves a copy of up to tens of megabytes. Elsewhere in a buffer, its arrays might not be aligned.
  let bytes: Uint8Array<ArrayBuffer>;
  if (file.byteOffset === 0 && file.buffer instanceof ArrayBuffer) {
    bytes = new Uint8Array(file.buffer, 0, file.length);
  } else {
    bytes = new Uint8Array(file.length);
    bytes.set(file);
  }
  const view = Buffer.from(bytes.buffer, 0, bytes.length);
  if (view.length < 4) throw new Error("file is truncated");
  const headerLength = view.readUInt32LE(0);
  if (4 + headerLength > view.length) throw new Error("file is truncated");
  const header = JSON.parse(view.toString("utf8", 4, 4 + headerLength)) as T;
  return { header, buffer: bytes.buffer, offset: 4 + headerLength, byteLength: view.length };
}

const STAGING_BYTES = 1 << 20;

/**
 * encodeWithHeader's bytes, written to `target` through a temporary sibling and a rename (as writeFileAtomic) a
 * megabyte at a time, so a large file (the signatures: 63 MB at 15k passages) never exists as one more buffer in
 * memory beside the arrays it is made of.
 */
export async function writeWithHeaderAtomic(target: string, header: unknown, arrays: Iterable<ArrayBufferView>): Promise<void> {
  const temp = `${target}.${randomBytes(6).toString("hex")}.tmp`;
  const handle = await open(temp, "w");
  try {
    const staging = Buffer.alloc(STAGING_BYTES);
    let used = 0;
    const flush = async (): Promise<void> => {
      if (used > 0) await handle.write(staging, 0, used);
      used = 0;
    };
    const put = async (bytes: Uint8Array): Promise<void> => {
      for (let at = 0; at < bytes.length; ) {
        const take = Math.min(bytes.length - at, STAGING_BYTES - used);
        staging.set(bytes.subarray(at, at + take), used);
        used += take;
        at += take;
        if (used === STAGING_BYTES) await flush();
      }
    };
    await put(encodeWithHeader(header, []));
    for (const array of arrays) await put(new Uint8Array(array.buffer, array.byteOffset, array.byteLength));
    await flush();
    await handle.close();
    await rename(temp, target);
  } catch (error) {
    await handle.close().catch(() => undefined);
    await rm(temp, { force: true });
    throw error;
  }
}
