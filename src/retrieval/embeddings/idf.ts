import { readFileSync } from "node:fs";

/** Inverse document frequency of word stems, from a fixed reference corpus (see scripts/build-idf.ts). */
export interface IdfTable {
  idf(stem: string): number;
}

interface IdfFile {
  documents: number;
  df: Record<string, number>;
}

class ReferenceIdf implements IdfTable {
  private readonly unseen: number;
  constructor(private readonly file: IdfFile) {
    // A stem the reference never saw is rarer than anything it did see: give it the top weight.
    this.unseen = Math.log(1 + file.documents);
  }
  idf(stem: string): number {
    const df = this.file.df[stem];
    return df === undefined ? this.unseen : Math.log(1 + this.file.documents / df);
  }
}

let shared: IdfTable | undefined;

export function referenceIdf(): IdfTable {
  shared ??= new ReferenceIdf(JSON.parse(readFileSync(new URL("./idf-table.json", import.meta.url), "utf8")) as IdfFile);
  return shared;
}
