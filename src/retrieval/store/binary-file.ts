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
  /** An aligned copy of the file, so typed arrays can view it at any 4-byte offset. */
  readonly buffer: ArrayBuffer;
  /** Where the arrays start. */
  readonly offset: number;
  readonly byteLength: number;
}

export function decodeWithHeader<T>(file: Uint8Array): DecodedFile<T> {
  const bytes = new Uint8Array(file.length);
  bytes.set(file);
  const view = Buffer.from(bytes.buffer);
  if (view.length < 4) throw new Error("file is truncated");
  const headerLength = view.readUInt32LE(0);
  if (4 + headerLength > view.length) throw new Error("file is truncated");
  const header = JSON.parse(view.toString("utf8", 4, 4 + headerLength)) as T;
  return { header, buffer: bytes.buffer, offset: 4 + headerLength, byteLength: view.length };
}
