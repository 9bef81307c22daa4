#!/usr/bin/env node
// Runs the compiled CLI in dist/ (built by `npm install` through the `prepare` script) when it is up to date with
// src/, and otherwise the TypeScript sources through tsx, so `npx sitrep` works straight after `npm install` and an
// edit under src/ takes effect without a rebuild.
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { freshBuild } from "./freshness.mjs";

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const built = process.env.SITREP_FROM_SOURCE ? undefined : freshBuild(root);
if (built) {
  await import(pathToFileURL(built).href);
} else {
  const { register } = await import("tsx/esm/api");
  register();
  await import("../src/cli/main.ts");
}
