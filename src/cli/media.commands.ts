import type { Command } from 'commander';
import type { Config } from '../config.ts';
import { ValidationFailed } from '../errors.ts';
import { copyLibrary } from '../media/media-migrate.ts';
import { S3MediaStorage, s3Client } from '../media/s3-storage.ts';
import { localMediaStorage } from '../media/storage.ts';
import type { Io } from './io.ts';
import { say } from './printable.ts';

interface Ctx {
  config: () => Config;
  io: Io;
  /** Sets the exit code of a command that finished with failures. */
  exitWith: (code: number) => void;
}

const megabytes = (n: number) => `${(n / (1024 * 1024)).toFixed(1)} MB`;

/** `depeche media …`: the media library's files. */
export function mediaCommands(program: Command, { config, io, exitWith }: Ctx): void {
  const media = program.command('media').description('the media library (docs/media-storage.md)');
  media
    .command('migrate')
    .description('copy the local media folder (DATA_DIR/media) to the bucket the S3_* variables name; run again to resume')
    .requiredOption('--to <storage>', 'where to copy to: s3')
    .option('--concurrency <n>', 'files copied at once', '4')
    .action(async (opts: { to: string; concurrency: string }) => {
      if (opts.to !== 's3') throw new ValidationFailed([{ field: '--to', message: 'expected s3' }]);
      const concurrency = Number(opts.concurrency);
      if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 32) throw new ValidationFailed([{ field: '--concurrency', message: 'expected a whole number from 1 to 32' }]);
      const c = config();
      const s3 = c.media.s3;
      if (!s3) throw new ValidationFailed([{ field: 'S3_BUCKET', message: 'required: name the bucket to copy the media to (with S3_REGION, S3_ENDPOINT… as needed)' }]);
      const target = new S3MediaStorage(s3Client(s3), s3);
      const progress = io.progress();
      let report;
      try {
        report = await copyLibrary(localMediaStorage(c.mediaDir), target, { concurrency, onProgress: (done, total) => progress.update('media', done, total) });
      } finally {
        progress.stop();
        target.client.destroy();
      }
      io.out(
        say`${report.files} files in ${c.mediaDir}: ${report.copied} copied (${megabytes(report.copiedBytes)}), ${report.skipped} already in bucket ${s3.bucket}` +
          (report.failed.length ? say`, ${report.failed.length} failed` : '') +
          '\n',
      );
      for (const f of report.failed.slice(0, 20)) io.err(say`failed ${f.key}: ${f.error}\n`);
      if (report.failed.length > 20) io.err(say`… and ${report.failed.length - 20} more; run the command again to retry them\n`);
      if (report.failed.length) exitWith(1);
    });
}
