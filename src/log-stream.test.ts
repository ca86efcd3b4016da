import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BatchedLogStream } from './log-stream.ts';

const dirs: string[] = [];
function tempFile(): { file: string; fd: number } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'depeche-log-'));
  dirs.push(dir);
  const file = path.join(dir, 'out.log');
  return { file, fd: fs.openSync(file, 'w') };
}
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

const lines = (file: string) => fs.readFileSync(file, 'utf8').split('\n').filter(Boolean);

describe('BatchedLogStream', () => {
  it('writes every line, in order, without the caller waiting', async () => {
    const { file, fd } = tempFile();
    const s = new BatchedLogStream(fd);
    for (let i = 0; i < 5000; i++) s.write(`{"n":${i}}\n`);
    // Nothing is written while the caller runs: the lines go out together afterwards.
    expect(fs.readFileSync(file, 'utf8')).toBe('');
    await expect.poll(() => lines(file).length, { timeout: 10_000 }).toBe(5000);
    expect(lines(file).map((l) => JSON.parse(l).n)).toEqual(Array.from({ length: 5000 }, (_, i) => i));
    fs.closeSync(fd);
  });

  it('writes what waits at once on flushSync (process exit)', () => {
    const { file, fd } = tempFile();
    const s = new BatchedLogStream(fd);
    s.write('{"a":1}\n');
    s.write('{"a":2}\n');
    s.flushSync();
    expect(lines(file)).toEqual(['{"a":1}', '{"a":2}']);
    fs.closeSync(fd);
  });

  it('drops lines past its bound and says how many once it writes again', () => {
    const { file, fd } = tempFile();
    const s = new BatchedLogStream(fd, 20);
    s.write('{"a":1}\n');
    s.write('{"a":2}\n');
    s.write('{"a":3}\n'); // over 20 bytes waiting
    s.flushSync();
    const out = lines(file);
    expect(out.slice(0, 2)).toEqual(['{"a":1}', '{"a":2}']);
    expect(JSON.parse(out[2]!).msg).toBe('log output too slow: 1 lines dropped');
    fs.closeSync(fd);
  });
});
