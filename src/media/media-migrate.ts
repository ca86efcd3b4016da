import type { MediaObject, MediaStorage } from './storage.ts';

export interface CopyReport {
  files: number;
  copied: number;
  copiedBytes: number;
  /** Already in the target with the same size: keys are content-addressed, so the same bytes. */
  skipped: number;
  failed: Array<{ key: string; error: string }>;
}

/**
 * Copies every file of one storage to another, a few at a time, each streamed
 * (never held whole). Resumable: a file the target already has with the same
 * size is skipped, so a second run after an interruption copies only the rest.
 * A file that fails is reported and the others go on.
 */
export async function copyLibrary(
  from: MediaStorage,
  to: MediaStorage,
  opts: { concurrency?: number; onProgress?: (done: number, total: number) => void } = {},
): Promise<CopyReport> {
  const all: MediaObject[] = [];
  for await (const page of from.list()) all.push(...page);
  const report: CopyReport = { files: all.length, copied: 0, copiedBytes: 0, skipped: 0, failed: [] };
  let next = 0;
  let done = 0;
  const one = async (o: MediaObject) => {
    const there = await to.head(o.key);
    if (there && there.size === o.size) {
      report.skipped++;
      return;
    }
    await to.write(o.key, await from.stream(o.key));
    report.copied++;
    report.copiedBytes += o.size;
  };
  const lane = async () => {
    while (next < all.length) {
      const o = all[next++];
      try {
        await one(o);
      } catch (e) {
        report.failed.push({ key: o.key, error: (e as Error).message });
      }
      opts.onProgress?.(++done, all.length);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, opts.concurrency ?? 4) }, lane));
  return report;
}
