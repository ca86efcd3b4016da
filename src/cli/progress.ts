import cliProgress from 'cli-progress';

/** Where progress goes: standard error, or a fake terminal in tests. */
export interface ProgressStream extends NodeJS.WritableStream {
  isTTY?: boolean;
  columns?: number;
}

/** How far a long command is, one phase at a time ("images", "articles", "media"). */
export interface Progress {
  update(phase: string, done: number, total: number): void;
  /** Ends the bar on screen; safe to call more than once, and after a failure. */
  stop(): void;
}

/** Runs shorter than this show no progress at all. */
const THRESHOLD = 20;

/**
 * A progress bar on a terminal; on a pipe or a log file, a plain line at each
 * quarter so that logs stay readable. It writes only to the stream it is given
 * (standard error): standard output carries the results and --json.
 */
export function progressReporter(stream: ProgressStream, threshold = THRESHOLD): Progress {
  let phase: string | undefined;
  let bar: cliProgress.SingleBar | undefined;
  let lastQuarter = 0;

  const end = () => {
    bar?.stop();
    bar = undefined;
  };

  return {
    update(p, done, total) {
      if (total <= threshold) return;
      if (p !== phase) {
        end();
        phase = p;
        lastQuarter = 0;
        if (stream.isTTY) {
          bar = new cliProgress.SingleBar(
            { stream, format: `${p.padEnd(8)} [{bar}] {value}/{total}`, barsize: 30, hideCursor: false, linewrap: false, clearOnComplete: false },
            cliProgress.Presets.legacy,
          );
          bar.start(total, 0);
        }
      }
      if (bar) {
        bar.setTotal(total);
        bar.update(done);
        return;
      }
      const quarter = Math.floor((done / total) * 4);
      if (quarter > lastQuarter) {
        lastQuarter = quarter;
        stream.write(`${p}: ${done}/${total}\n`);
      }
    },
    stop: end,
  };
}
