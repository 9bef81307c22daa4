import { CLOSEST_WASM } from "./closest-wasm.js";

/** Room after the word vectors file for one call's inputs: the question word (int16) and the text's row numbers. */
const SCRATCH_BYTES = 128 * 1024;
const PAGE_BYTES = 65_536;
const QUERY_BYTES_MAX = 16 * 1024;

/** The part of the WebAssembly API used here (TypeScript declares it only in the DOM library). */
export interface KernelMemory {
  readonly buffer: ArrayBuffer;
}
interface WebAssemblyApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { readonly exports: Record<string, unknown> };
  Memory: new (descriptor: { initial: number; maximum: number }) => KernelMemory;
}
const wasm = (globalThis as unknown as { WebAssembly: WebAssemblyApi }).WebAssembly;

type ClosestExport = (query: number, rows: number, count: number, packed: number, scales: number, dims: number, chunks: number) => number;

let compiled: object | null | undefined;

/** The kernel (closest.wat), or undefined where this runtime cannot compile it (no WebAssembly SIMD). */
function kernelModule(): object | undefined {
  if (compiled === undefined) {
    try {
      compiled = new wasm.Module(Buffer.from(CLOSEST_WASM, "base64"));
    } catch {
      compiled = null;
    }
  }
  return compiled ?? undefined;
}

/**
 * A memory to read a word vectors file of `fileBytes` into, with the kernel's scratch after it; undefined without
 * WebAssembly SIMD (the table then matches words in JavaScript).
 */
export function kernelMemory(fileBytes: number): KernelMemory | undefined {
  if (kernelModule() === undefined) return undefined;
  const pages = Math.ceil((fileBytes + SCRATCH_BYTES) / PAGE_BYTES);
  return new wasm.Memory({ initial: pages, maximum: pages });
}

/** Where the table's parts sit in the memory, in bytes, and where the file ends. */
export interface KernelTableLayout {
  readonly packedAt: number;
  readonly scalesAt: number;
  readonly dimensions: number;
  readonly fileBytes: number;
}

/** A question word's unit vector as int16 (≈5 significant digits, where the rows have 8 bits), and what undoes that. */
interface QueryInt16 {
  readonly values: Int16Array;
  readonly inverseScale: number;
}

/**
 * The largest cosine of a question word with a text's words, by closest.wat over a word vectors table read into its
 * memory. Each call writes its inputs to the scratch area after the file; calls are synchronous, so they never overlap.
 */
export class ClosestKernel {
  private readonly run: ClosestExport;
  private readonly chunks: number;
  private readonly queryAt: number;
  private readonly rowsAt: number;
  private readonly rowCapacity: number;
  private readonly int16: Int16Array;
  private readonly int32: Int32Array;
  /**
   * Callers keep a question word's vector while they compare it with many texts: it is converted once. A vector is
   * taken to keep its values once passed (SoftMatcher's are made per question and never written to).
   */
  private readonly queries = new WeakMap<Float32Array, QueryInt16>();
  private written: { readonly vector: Float32Array; readonly query: QueryInt16 } | undefined;

  constructor(
    memory: KernelMemory,
    private readonly layout: KernelTableLayout,
  ) {
    const module = kernelModule();
    if (module === undefined) throw new Error("the word-vector kernel cannot run here");
    this.run = new wasm.Instance(module, { sitrep: { memory } }).exports.closest as ClosestExport;
    this.chunks = Math.ceil(layout.dimensions / 16);
    // A row's last 16-byte chunk reads up to 15 bytes past it: the scratch area starts beyond that.
    this.queryAt = Math.ceil((layout.fileBytes + 16) / 16) * 16;
    this.rowsAt = this.queryAt + this.chunks * 32;
    this.rowCapacity = Math.floor((memory.buffer.byteLength - this.rowsAt) / 4);
    if (this.chunks * 32 > QUERY_BYTES_MAX || this.rowCapacity < 1024) throw new Error("word-vector kernel memory is too small");
    this.int16 = new Int16Array(memory.buffer);
    this.int32 = new Int32Array(memory.buffer);
  }

  closest(vector: Float32Array, rows: Int32Array): number {
    const query = this.write(vector);
    if (query.inverseScale === 0 || rows.length === 0) return 0;
    let best = 0;
    for (let start = 0; start < rows.length; start += this.rowCapacity) {
      const batch = rows.subarray(start, start + this.rowCapacity);
      this.int32.set(batch, this.rowsAt / 4);
      const { packedAt, scalesAt, dimensions } = this.layout;
      best = Math.max(best, this.run(this.queryAt, this.rowsAt, batch.length, packedAt, scalesAt, dimensions, this.chunks));
    }
    return best * query.inverseScale;
  }

  /**
   * Puts the question word in the scratch area, unless it is already there (callers take one word at a time). Its
   * padding up to a whole chunk stays zero: the memory starts zeroed and only the word's own values are written there.
   */
  private write(vector: Float32Array): QueryInt16 {
    if (this.written?.vector === vector) return this.written.query;
    const query = this.queryOf(vector);
    this.int16.set(query.values, this.queryAt / 2);
    this.written = { vector, query };
    return query;
  }

  private queryOf(vector: Float32Array): QueryInt16 {
    let query = this.queries.get(vector);
    if (!query) {
      if (vector.length !== this.layout.dimensions) throw new RangeError(`a ${vector.length}-dimension vector for a ${this.layout.dimensions}-dimension table`);
      let largest = 0;
      for (const value of vector) largest = Math.max(largest, Math.abs(value));
      const scale = largest > 0 ? 32_767 / largest : 0;
      query = { values: Int16Array.from(vector, (value) => Math.round(value * scale)), inverseScale: scale > 0 ? 1 / scale : 0 };
      this.queries.set(vector, query);
    }
    return query;
  }
}
