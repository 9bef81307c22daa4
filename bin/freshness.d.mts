export function newestSourceMtime(root: string): number;
export function freshBuild(root: string): string | undefined;
