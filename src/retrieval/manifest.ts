import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { sha256OfFile, writeFileAtomic } from "./store/atomic-file.js";

export const MANIFEST_FILE = "manifest.json";

const fileRecord = z.object({
  sha256: z.string(),
  bytes: z.number().int().nonnegative(),
  /** The file's modification time once written: while it is unchanged, opening skips re-hashing the file. */
  mtimeMs: z.number().optional(),
});
const documentRecord = z.object({
  hash: z.string(),
  file: z.string(),
  title: z.string(),
  ids: z.array(z.string()),
  /** When this content was indexed: what the daily brief's "new since the last brief" is made of. */
  indexedAt: z.string().optional(),
  /**
   * The corpus file's size and modification time when it was read, and what the engine lists about the article:
   * while the file keeps that size and time, a start does not read it again. Older manifests lack them.
   */
  stat: z.object({ size: z.number(), mtimeMs: z.number() }).optional(),
  published: z.string().optional(),
  source: z.string().optional(),
  url: z.string().optional(),
  tags: z.array(z.string()).optional(),
});

const manifestSchema = z.object({
  format: z.literal(1),
  embedder: z.object({ id: z.string(), dimensions: z.number().int().positive() }),
  passages: z.string(),
  generation: z.string().regex(/^g[0-9a-z-]+$/),
  files: z.record(z.string(), fileRecord),
  documents: z.record(z.string(), documentRecord),
  updatedAt: z.string(),
});

/**
 * What the index directory holds: which embedder made the vectors, which generation folder is current, a checksum
 * per file, and per document the content hash it was embedded from and the vector-store ids of its passages.
 */
export type Manifest = z.infer<typeof manifestSchema>;
export type ManifestDocument = z.infer<typeof documentRecord>;

export type ManifestRead = { ok: true; manifest: Manifest } | { ok: false; reason: string };

/**
 * Names one version of the manifest file, or undefined when there is none: a new manifest is written to a temporary
 * file and renamed into place, so each version is a new file.
 */
export async function manifestVersion(indexDir: string): Promise<string | undefined> {
  try {
    const { ino, size, mtimeMs } = await stat(path.join(indexDir, MANIFEST_FILE));
    return `${ino}:${size}:${mtimeMs}`;
  } catch {
    return undefined;
  }
}

export async function readManifest(indexDir: string): Promise<ManifestRead> {
  let raw: string;
  try {
    raw = await readFile(path.join(indexDir, MANIFEST_FILE), "utf8");
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === "ENOENT";
    return { ok: false, reason: missing ? "no index yet" : `manifest unreadable (${(error as Error).message})` };
  }
  try {
    const parsed = manifestSchema.safeParse(JSON.parse(raw));
    return parsed.success ? { ok: true, manifest: parsed.data } : { ok: false, reason: "manifest has an unexpected shape" };
  } catch {
    return { ok: false, reason: "manifest is not valid JSON" };
  }
}

export async function writeManifest(indexDir: string, manifest: Manifest): Promise<void> {
  await writeFileAtomic(path.join(indexDir, MANIFEST_FILE), JSON.stringify(manifest, null, 1) + "\n");
}

export async function checksumFiles(directory: string, names: readonly string[]): Promise<Manifest["files"]> {
  const files: Manifest["files"] = {};
  for (const name of names) {
    const full = path.join(directory, name);
    const info = await stat(full);
    files[name] = { sha256: await sha256OfFile(full), bytes: info.size, mtimeMs: info.mtimeMs };
  }
  return files;
}

/**
 * Returns why the generation's files do not match the manifest, or undefined when they all do. A file with the
 * size and modification time it was published with is not re-hashed (hashing 140 MB took most of a second at every
 * start); any write to it, even at the same size, changes its time and brings the checksum back into play.
 */
export async function verifyFiles(directory: string, files: Manifest["files"]): Promise<string | undefined> {
  for (const [name, expected] of Object.entries(files)) {
    const full = path.join(directory, name);
    try {
      const info = await stat(full);
      if (info.size !== expected.bytes) return `${name} has the wrong size (truncated?)`;
      if (info.mtimeMs === expected.mtimeMs) continue;
      if ((await sha256OfFile(full)) !== expected.sha256) return `${name} fails its checksum (corrupted?)`;
    } catch {
      return `${name} is missing`;
    }
  }
  return undefined;
}

/**
 * The records with the modification time filled in where it is missing (manifests written before it was kept), to
 * be called right after verifyFiles passed; returns `files` itself when nothing was missing.
 */
export async function stampFiles(directory: string, files: Manifest["files"]): Promise<Manifest["files"]> {
  if (Object.values(files).every((f) => f.mtimeMs !== undefined)) return files;
  const stamped: Manifest["files"] = {};
  for (const [name, record] of Object.entries(files)) {
    stamped[name] = { ...record, mtimeMs: record.mtimeMs ?? (await stat(path.join(directory, name))).mtimeMs };
  }
  return stamped;
}
