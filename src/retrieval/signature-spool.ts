import { randomBytes } from "node:crypto";
import { closeSync, mkdirSync, openSync, readSync, rmSync, writeSync } from "node:fs";
import path from "node:path";
import type { Signature } from "./signatures.js";

/** Staged signatures are written out a megabyte (~256 passages) at a time rather than one 4 KB record at a time. */
const FLUSH_BYTES = 1 << 20;

interface Spooled {
  /** Byte offset of the record: its keys, then its weights. */
  readonly offset: number;
  readonly count: number;
  readonly norm: number;
}

/** The open scratch file; kept apart from the spool so the owner's finalizer can release it without holding either. */
interface SpoolFile {
  readonly fd: number;
  /** Set where the open file could not be unlinked (Windows): removed on close instead. */
  readonly leftover?: string;
}

function release(file: SpoolFile): void {
  closeSync(file.fd);
  if (file.leftover !== undefined) rmSync(file.leftover, { force: true });
}

/**
 * New signatures parked in a scratch file until the index is saved. A full build makes ~4 KB of them a passage
 * (63 MB at 15k passages), all needed only when the signatures file is written, so holding them in memory set the
 * peak of an ingest. The file is unlinked as soon as it is opened where the platform allows it: a crash leaves
 * nothing behind, and the space returns when the descriptor closes.
 */
export class SignatureSpool {
  private static readonly closer = new FinalizationRegistry<SpoolFile>(release);

  private readonly entries = new Map<string, Spooled>();
  private readonly staging = Buffer.alloc(FLUSH_BYTES);
  private staged = 0;
  /** Bytes already in the file; staged bytes follow them. */
  private written = 0;
  private file: SpoolFile | undefined;
  private readonly owner: WeakRef<object>;

  /** `owner`: when it is collected without close() being called, the file is released anyway. */
  constructor(
    private readonly directory: string,
    owner: object,
  ) {
    this.owner = new WeakRef(owner);
  }

  get size(): number {
    return this.entries.size;
  }

  ids(): IterableIterator<string> {
    return this.entries.keys();
  }

  delete(passageId: string): boolean {
    return this.entries.delete(passageId);
  }

  add(passageId: string, signature: Signature): void {
    const bytes = signature.keys.byteLength + signature.weights.byteLength;
    if (this.staged + bytes > FLUSH_BYTES) this.flush();
    this.entries.set(passageId, { offset: this.written + this.staged, count: signature.keys.length, norm: signature.norm });
    if (bytes > FLUSH_BYTES) {
      // Larger than the staging buffer (never at SIGNATURE_FEATURES): straight to the file.
      this.write(asBytes(signature.keys));
      this.write(asBytes(signature.weights));
      return;
    }
    this.staging.set(asBytes(signature.keys), this.staged);
    this.staging.set(asBytes(signature.weights), this.staged + signature.keys.byteLength);
    this.staged += bytes;
  }

  /** A spooled signature's length and norm, without reading it. */
  describe(passageId: string): { readonly count: number; readonly norm: number } | undefined {
    return this.entries.get(passageId);
  }

  read(passageId: string): Signature | undefined {
    const entry = this.entries.get(passageId);
    if (!entry) return undefined;
    const keys = new Uint32Array(entry.count);
    const weights = new Float32Array(entry.count);
    const keysAt = entry.offset;
    const weightsAt = keysAt + keys.byteLength;
    this.copyOut(keys, keysAt);
    this.copyOut(weights, weightsAt);
    return { keys, weights, norm: entry.norm };
  }

  /** Empties the spool; it can be used again, with a new file. */
  close(): void {
    if (this.file) {
      SignatureSpool.closer.unregister(this.file);
      release(this.file);
    }
    this.file = undefined;
    this.entries.clear();
    this.staged = 0;
    this.written = 0;
  }

  private copyOut(into: Uint32Array | Float32Array, offset: number): void {
    const target = asBytes(into);
    const inFile = Math.max(0, Math.min(target.length, this.written - offset));
    if (inFile > 0 && readSync(this.fileDescriptor(), target, 0, inFile, offset) !== inFile) {
      throw new Error("the signature spool file is shorter than what was written to it");
    }
    if (inFile < target.length) {
      const from = offset + inFile - this.written;
      target.set(this.staging.subarray(from, from + target.length - inFile), inFile);
    }
  }

  private flush(): void {
    if (this.staged === 0) return;
    this.write(this.staging.subarray(0, this.staged));
    this.staged = 0;
  }

  private write(bytes: Uint8Array): void {
    const fd = this.fileDescriptor();
    for (let done = 0; done < bytes.length; ) done += writeSync(fd, bytes, done, bytes.length - done, this.written + done);
    this.written += bytes.length;
  }

  private fileDescriptor(): number {
    if (this.file) return this.file.fd;
    mkdirSync(this.directory, { recursive: true });
    const name = path.join(this.directory, `.signatures-${randomBytes(6).toString("hex")}.spool`);
    const fd = openSync(name, "wx+");
    let file: SpoolFile = { fd };
    try {
      rmSync(name);
    } catch {
      file = { fd, leftover: name };
    }
    this.file = file;
    const owner = this.owner.deref();
    if (owner) SignatureSpool.closer.register(owner, file, file);
    return fd;
  }
}

function asBytes(array: Uint32Array | Float32Array): Uint8Array {
  return new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
}
