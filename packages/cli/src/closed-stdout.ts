// `dl train … | head -3`: when the reader of stdout goes away, writes fail with EPIPE. The
// command's work is not printing, so it goes on (a training run still saves its model, loss.csv,
// summary and charts) and only the printing stops; the exit code is then the command's own.

/**
 * Makes a closed stdout (EPIPE) stop the printing, not the program: later writes to stdout are
 * dropped, and one line on stderr says so.
 *
 * @param stdout - the stream to watch (default `process.stdout`)
 * @param stderr - where the note goes (default `process.stderr`)
 * @returns nothing
 */
export function keepWorkingWhenStdoutCloses(
  stdout: NodeJS.WriteStream = process.stdout,
  stderr: NodeJS.WriteStream = process.stderr,
): void {
  let closed = false;
  stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    if (closed) return;
    closed = true;
    // Every later write succeeds at once without going anywhere (the callback still runs, so
    // code that waits for a write to drain is not left waiting).
    stdout.write = ((...args: unknown[]) => {
      const callback = args.find((a) => typeof a === 'function') as (() => void) | undefined;
      if (callback) queueMicrotask(callback);
      return true;
    }) as typeof stdout.write;
    try {
      stderr.write('dl: stdout was closed; the command goes on without printing\n');
    } catch {
      // stderr closed too: nothing left to tell.
    }
  });
}
