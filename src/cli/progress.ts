/** A one-line progress bar on a terminal; silent when stderr is a pipe or a file, so logs stay clean. */
export function progressBar(stream: NodeJS.WriteStream, label: string): ((done: number, total: number) => void) & { end(): void } {
  let drawn = false;
  const update = (done: number, total: number): void => {
    if (!stream.isTTY || total === 0) return;
    const width = 30;
    const filled = Math.round((done / total) * width);
    stream.write(`\r${label} [${"#".repeat(filled)}${"-".repeat(width - filled)}] ${done}/${total}`);
    drawn = true;
  };
  return Object.assign(update, {
    end(): void {
      if (drawn) stream.write("\n");
    },
  });
}
