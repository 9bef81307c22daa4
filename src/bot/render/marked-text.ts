import { clipRendered, escapeCorpusText } from "../text.js";

/** A piece of an answer that must stay whole: a sentence and the `[n]` markers that cite it. */
export interface MarkedUnit {
  readonly text: string;
  readonly markers: readonly number[];
}

const UNIT = /\s*(.*?)((?:\s*\[\d+\])+)(?=\s|$)/gsu;

/** Splits "sentence [1] sentence [2][3]" into units; text after the last marker becomes an uncited unit. */
export function markedUnits(answer: string): MarkedUnit[] {
  const units: MarkedUnit[] = [];
  let consumed = 0;
  for (const match of answer.matchAll(UNIT)) {
    if (match.index !== consumed) break;
    units.push({ text: match[1]!.trim(), markers: [...match[2]!.matchAll(/\d+/g)].map((m) => Number(m[0])) });
    consumed = match.index + match[0].length;
  }
  const rest = answer.slice(consumed).trim();
  if (rest !== "") units.push({ text: rest, markers: [] });
  return units;
}

function markerSuffix(markers: readonly number[]): string {
  return markers.length === 0 ? "" : ` ${markers.map((n) => `[${n}]`).join("")}`;
}

export function renderUnit(unit: MarkedUnit): string {
  return `${escapeCorpusText(unit.text)}${markerSuffix(unit.markers)}`;
}

export interface FittedUnits {
  readonly text: string;
  /** The markers that remain visible: exactly the citations whose Sources must be shown. */
  readonly markers: ReadonlySet<number>;
  readonly shortened: boolean;
}

/** Appended when units were left out, so the reader knows the text goes on. */
const LEFT_OUT = " …";

/**
 * As many whole units as fit in `max` characters, joined by `separator`. Cuts fall between units, never inside a
 * sentence or a marker; only a first unit too long on its own is clipped, and it keeps its markers.
 */
export function fitUnits(units: readonly MarkedUnit[], max: number, separator = " ", render = renderUnit): FittedUnits {
  const kept: string[] = [];
  const markers = new Set<number>();
  let length = 0;
  for (const [i, unit] of units.entries()) {
    const rendered = render(unit);
    const extra = (kept.length > 0 ? separator.length : 0) + rendered.length;
    // Every unit but the last must leave room for the mark that says later ones were left out.
    const reserve = i === units.length - 1 ? 0 : LEFT_OUT.length;
    if (length + extra + reserve <= max) {
      kept.push(rendered);
      length += extra;
      unit.markers.forEach((n) => markers.add(n));
      continue;
    }
    if (kept.length > 0) return { text: `${kept.join(separator)}${LEFT_OUT}`, markers, shortened: true };
    const clipped = clipRendered(unit.text, max, (text) => render({ text, markers: unit.markers }));
    if (clipped !== "") unit.markers.forEach((n) => markers.add(n));
    return { text: clipped, markers, shortened: true };
  }
  return { text: kept.join(separator), markers, shortened: false };
}
