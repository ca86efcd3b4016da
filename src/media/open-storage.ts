import type { Config } from '../config.ts';
import { S3MediaStorage, s3Client } from './s3-storage.ts';
import { localMediaStorage, type MediaStorage } from './storage.ts';

/** The storage MEDIA_STORAGE names: the local folder, or the bucket of the S3 settings. */
export function openMediaStorage(config: Pick<Config, 'mediaDir' | 'media'>): MediaStorage {
  if (config.media.storage === 'local') return localMediaStorage(config.mediaDir);
  const s3 = config.media.s3;
  // loadConfig refuses MEDIA_STORAGE=s3 without S3_BUCKET; a hand-made config is told the same.
  if (!s3) throw new Error('S3_BUCKET: required when MEDIA_STORAGE=s3');
  return new S3MediaStorage(s3Client(s3), s3);
}

/** The origin CSP's img-src must allow for MEDIA_PUBLIC_URL, if any. */
export function mediaOrigin(publicUrl: string | undefined): string | undefined {
  return publicUrl ? new URL(publicUrl).origin : undefined;
}
