import fs from 'node:fs';

/**
 * Where pino writes the log: lines are gathered for a few milliseconds and
 * written together, off the main thread, so a busy server makes one system
 * call for hundreds of request lines instead of one each (a system call costs
 * about 2 µs here, as much as building the line). pino's own asynchronous
 * destination (sonic-boom 4) measures the whole pending buffer again for every
 * line written, which cost more than the write it saved.
 *
 * Lines are never reordered. If the output cannot keep up (a stuck pipe), at
 * most `maxPending` bytes wait; newer lines are dropped and counted, and the
 * count is written once the output moves again. `flushSync()` writes what is
 * left, for exit.
 */
export class BatchedLogStream {
  private pending: string[] = [];
  private pendingBytes = 0;
  private writing = false;
  private scheduled = false;
  private dropped = 0;
  private closed = false;

  constructor(
    private readonly fd: number,
    private readonly maxPending = 8 * 1024 * 1024,
    /** How long a line may wait for others to go out with it. */
    private readonly delayMs = 10,
  ) {}

  /** pino calls this with one whole line (newline included). */
  write(line: string): void {
    if (this.closed) return;
    if (this.pendingBytes + line.length > this.maxPending) {
      this.dropped++;
      return;
    }
    this.pending.push(line);
    this.pendingBytes += line.length;
    if (!this.writing) this.schedule();
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    // Unreferenced: a line waiting never keeps the process alive; exit writes it (flushSync).
    setTimeout(this.flush, this.delayMs).unref();
  }

  private readonly flush = (): void => {
    this.scheduled = false;
    if (this.writing || this.pending.length === 0) return;
    this.writing = true;
    this.writeOut(Buffer.from(this.take(), 'utf8'));
  };

  private take(): string {
    if (this.dropped) {
      this.pending.push(`${JSON.stringify({ level: 40, time: Date.now(), msg: `log output too slow: ${this.dropped} lines dropped` })}\n`);
      this.dropped = 0;
    }
    const text = this.pending.join('');
    this.pending = [];
    this.pendingBytes = 0;
    return text;
  }

  private writeOut(buf: Buffer): void {
    fs.write(this.fd, buf, 0, buf.length, null, (err, written) => {
      if (err) {
        // A non-blocking pipe that is full: try again shortly. Anything else: the lines are lost, as with any log.
        if ((err as NodeJS.ErrnoException).code === 'EAGAIN') return void setTimeout(() => this.writeOut(buf), 20);
        written = buf.length;
      }
      if (written < buf.length) return this.writeOut(buf.subarray(written));
      this.writing = false;
      if (this.pending.length) this.schedule();
    });
  }

  /** Writes every waiting line now (on exit); lines being written by the pool are left to it. */
  flushSync(): void {
    if (this.pending.length === 0 && !this.dropped) return;
    let buf = Buffer.from(this.take(), 'utf8');
    for (let tries = 0; buf.length && tries < 1000; tries++) {
      try {
        buf = buf.subarray(fs.writeSync(this.fd, buf));
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EAGAIN') return;
      }
    }
  }

  /** Writes what waits and takes no more lines. */
  end(): void {
    this.flushSync();
    this.closed = true;
  }
}
