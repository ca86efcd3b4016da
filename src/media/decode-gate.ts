/**
 * Lets at most `limit` picture decodes run at once; the others wait their turn
 * in arrival order. A decoded picture costs memory in proportion to its pixels,
 * so this, with the pixel and side limits, bounds what uploads, imports and the
 * AVIF worker together can take. One gate is made in the composition root and
 * handed to everything that decodes.
 */
export class DecodeGate {
  private running = 0;
  private highest = 0;
  private readonly queue: Array<() => void> = [];

  constructor(readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`decode limit must be a whole number ≥ 1, got ${limit}`);
  }

  /** Decodes running now. */
  get active(): number {
    return this.running;
  }

  /** Decodes waiting for a turn. */
  get waiting(): number {
    return this.queue.length;
  }

  /** The most decodes that ever ran at once (for tests and benchmarks). */
  get peak(): number {
    return this.highest;
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.running >= this.limit) await new Promise<void>((resolve) => this.queue.push(resolve));
    else this.running++;
    this.highest = Math.max(this.highest, this.running);
    try {
      return await work();
    } finally {
      // The turn passes straight to the next in line, so `running` never dips below what is actually running.
      const next = this.queue.shift();
      if (next) next();
      else this.running--;
    }
  }
}
