/**
 * Runs a background pass now, then again `everyMs` after each pass ends, so
 * passes never overlap. A failing pass is reported and the next one still runs.
 * The timer never keeps the process alive; the work's state lives in the store.
 */
export function repeat(pass: () => Promise<unknown>, everyMs: number, onError: (err: unknown) => void): { stop(): void } {
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const tick = async () => {
    try {
      await pass();
    } catch (err) {
      onError(err);
    }
    if (!stopped) timer = setTimeout(tick, everyMs).unref();
  };
  timer = setTimeout(tick, 0).unref();
  return {
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
