// The WebAssembly text of sitrep's kernels and how it is assembled (with wabt, a development dependency): shared by
// scripts/build-wasm.ts and the test that checks the embedded module is the current assembly of its source.
import { fileURLToPath } from "node:url";
import wabt from "wabt";

export const CLOSEST_WAT = fileURLToPath(new URL("../src/retrieval/semantic/closest.wat", import.meta.url));
export const CLOSEST_WASM_MODULE = fileURLToPath(new URL("../src/retrieval/semantic/closest-wasm.ts", import.meta.url));

export async function assembleClosestKernel(wat: string): Promise<Buffer> {
  const toolkit = await wabt();
  const module = toolkit.parseWat("closest.wat", wat, { simd: true });
  try {
    module.validate();
    return Buffer.from(module.toBinary({}).buffer);
  } finally {
    module.destroy();
  }
}
