import { repeat, type Repeating } from './repeat.ts';

/**
 * The life cycle outbox senders share (webhook deliveries, CDN purges): passes
 * run by repeat() once started, or one at a time by runOnce() (tests drive them
 * so); stop() ends the timer, aborts sends in flight through `stopping`, and
 * waits for the pass in flight, however it was started.
 */
export abstract class PassWorker {
  private job: Repeating | undefined;
  private running: Promise<number> | undefined;
  /** Aborted by stop(): sends in flight are cut short and recorded as failed attempts. */
  protected readonly stopping = new AbortController();

  constructor(
    private readonly what: string,
    private readonly logError: (o: object, m: string) => void,
  ) {}

  /** One pass: answers how many rows it handled. */
  protected abstract pass(): Promise<number>;

  start(everyMs: number): void {
    this.job = repeat(() => this.runOnce(), everyMs, (err) => this.logError({ err }, `${this.what} pass failed`));
  }

  async stop(): Promise<void> {
    const stopped = this.job?.stop();
    this.stopping.abort();
    await stopped;
    await this.running?.catch(() => {});
  }

  runOnce(): Promise<number> {
    if (this.stopping.signal.aborted) return Promise.resolve(0);
    const run = this.pass();
    // Only stop() waits on this copy; the pass's failure goes to runOnce's caller
    // (repeat() logs it). Left rejected, it would end the process as an unhandled rejection.
    const tracked = run.catch(() => 0).finally(() => {
      if (this.running === tracked) this.running = undefined;
    });
    this.running = tracked;
    return run;
  }
}
