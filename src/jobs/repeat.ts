/** What repeat() answers: stop() ends the timer and resolves once the pass in flight, if any, has ended. */
export interface Repeating {
  stop(): Promise<void>;
}

/**
 * Runs a background pass after `firstMs` (default at once), then again `everyMs`
 * after each pass ends, so passes never overlap. A pass that answers `true` asks
 * for the next one at once (work is waiting). A failing pass is reported and the
 * next one still runs. The timer never keeps the process alive; the work's state
 * lives in the store.
 */
export function repeat(pass: () => Promise<unknown>, everyMs: number, onError: (err: unknown) => void, firstMs = 0): Repeating {
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  let running: Promise<void> | undefined;
  const tick = async () => {
    let more = false;
    try {
      more = (await pass()) === true;
    } catch (err) {
      onError(err);
    }
    if (!stopped) timer = setTimeout(run, more ? 0 : everyMs).unref();
  };
  const run = () => {
    running = tick();
  };
  timer = setTimeout(run, firstMs).unref();
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
