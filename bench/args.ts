// A minimal `--name value` / `--flag` parser for the benchmark scripts.

export type Flags = ReadonlyMap<string, string | true>;

export function parseFlags(argv: readonly string[]): Flags {
  const flags = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith("--")) throw new Error(`unexpected argument "${arg}"`);
    const eq = arg.indexOf("=");
    if (eq > 0) {
      flags.set(arg.slice(2, eq), arg.slice(eq + 1));
      continue;
    }
    const next = argv[i + 1];
    if (next !== undefined && !next.startsWith("--")) {
      flags.set(arg.slice(2), next);
      i++;
    } else {
      flags.set(arg.slice(2), true);
    }
  }
  return flags;
}

export function stringFlag(flags: Flags, name: string): string | undefined {
  const value = flags.get(name);
  if (value === true) throw new Error(`--${name} needs a value`);
  return value;
}

export function intFlag(flags: Flags, name: string, fallback: number, min = 1): number {
  const raw = stringFlag(flags, name);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) throw new Error(`--${name} must be a whole number >= ${min}, got "${raw}"`);
  return value;
}

export function intListFlag(flags: Flags, name: string, fallback: readonly number[]): number[] {
  const raw = stringFlag(flags, name);
  if (raw === undefined) return [...fallback];
  const values = raw.split(",").map((s) => Number(s.trim()));
  if (values.length === 0 || values.some((v) => !Number.isInteger(v) || v < 1)) {
    throw new Error(`--${name} must be a comma-separated list of whole numbers >= 1, got "${raw}"`);
  }
  return [...new Set(values)].sort((a, b) => a - b);
}
