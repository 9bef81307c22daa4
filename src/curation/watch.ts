import { watch, type FSWatcher } from "node:fs";

export interface CorpusWatcher {
  close(): void;
}

export interface WatchOptions {
  /** Quiet time after the last change before `onChange` runs: an editor or a copy writes a file in several steps. */
  readonly debounceMs?: number;
  readonly onError?: (error: Error) => void;
}

/**
 * Calls `onChange` once things settle after files under `dir` were added, changed or removed. Dot-files are ignored:
 * they are editors' swap files and sitrep's own half-written uploads.
 */
export function watchCorpus(dir: string, onChange: () => void, options: WatchOptions = {}): CorpusWatcher {
  const debounceMs = options.debounceMs ?? 1000;
  let timer: NodeJS.Timeout | undefined;
  let watcher: FSWatcher | undefined;
  const schedule = (file: string | null): void => {
    if (file !== null && file.split(/[/\\]/u).some((part) => part.startsWith("."))) return;
    clearTimeout(timer);
    timer = setTimeout(onChange, debounceMs);
  };
  try {
    watcher = watch(dir, { recursive: true, persistent: false }, (_event, file) => schedule(file));
    watcher.on("error", (error) => options.onError?.(error));
  } catch (error) {
    options.onError?.(error as Error);
  }
  return {
    close: () => {
      clearTimeout(timer);
      watcher?.close();
    },
  };
}
