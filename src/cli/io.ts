/** What a CLI command may touch, so tests can run commands in-process and read what they printed. */
export interface CliIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  readonly stdin: () => AsyncIterable<string>;
  readonly env: NodeJS.ProcessEnv;
  readonly stderrStream?: NodeJS.WriteStream;
  /** stdin is a terminal: a command reading it may prompt (`sitrep chat`). */
  readonly interactive?: boolean;
}
