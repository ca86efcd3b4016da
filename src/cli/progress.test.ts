import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { progressReporter, type ProgressStream } from './progress.ts';

/** A stream that records what is written, posing as a terminal or as a pipe. */
function fakeStream(tty: boolean): ProgressStream & { text(): string } {
  const s = new PassThrough() as PassThrough & ProgressStream & { text(): string };
  let written = '';
  s.on('data', (d) => (written += d));
  s.isTTY = tty;
  s.columns = 100;
  s.text = () => written;
  return s;
}

function run(stream: ProgressStream, total: number) {
  const p = progressReporter(stream);
  for (let i = 1; i <= total; i++) p.update('articles', i, total);
  p.stop();
}

describe('progress reporter', () => {
  it('draws a bar with the count on a terminal', () => {
    const s = fakeStream(true);
    run(s, 40);
    expect(s.text()).toContain('articles');
    expect(s.text()).toMatch(/\[=+\] 40\/40/);
  });

  it('writes a plain line at each quarter when the stream is not a terminal', () => {
    const s = fakeStream(false);
    run(s, 40);
    expect(s.text()).toBe('articles: 10/40\narticles: 20/40\narticles: 30/40\narticles: 40/40\n');
  });

  it('shows nothing for a short run', () => {
    const tty = fakeStream(true);
    const pipe = fakeStream(false);
    run(tty, 20);
    run(pipe, 20);
    expect(tty.text()).toBe('');
    expect(pipe.text()).toBe('');
  });

  it('starts a new line count when the phase changes on a pipe, and stop can be called twice', () => {
    const s = fakeStream(false);
    const p = progressReporter(s);
    p.update('images', 30, 30);
    p.update('articles', 50, 50);
    p.stop();
    p.stop();
    expect(s.text()).toBe('images: 30/30\narticles: 50/50\n');
  });

  it('ends one bar and starts another when the phase changes on a terminal', () => {
    const s = fakeStream(true);
    const p = progressReporter(s);
    p.update('images', 30, 30);
    p.update('articles', 25, 50);
    p.update('articles', 50, 50);
    p.stop();
    p.stop();
    const text = s.text();
    expect(text).toMatch(/images\s+\[=+\] 30\/30/);
    expect(text).toMatch(/articles\s+\[=+\] 50\/50/);
    // The images bar was finished before the articles bar began.
    expect(text.indexOf('30/30')).toBeLessThan(text.indexOf('articles'));
  });
});
