export const DIST: string;
export function bundle(entries: Record<string, string>, outdir: string): Promise<void>;
