export const EXPANSION_SOURCES: readonly string[];
export function expansionCode(root: string): string;
