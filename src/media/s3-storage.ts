import { Readable } from 'node:stream';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  S3Client,
  S3ServiceException,
  type GetObjectCommandOutput,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { NotFound, Unavailable } from '../errors.ts';
import { RETRY_AFTER_SECONDS, isConnectionFailure } from '../store/unavailable.ts';
import { contentTypeOf, safeKey, type MediaBody, type MediaObject, type MediaStorage } from './storage.ts';

/** Where the bucket is; credentials come from the AWS SDK's default chain (AWS_ACCESS_KEY_ID… or a role). */
export interface S3Settings {
  bucket: string;
  region: string;
  /** For R2, MinIO, Garage…; unset for AWS itself. */
  endpoint?: string;
  forcePathStyle: boolean;
  /** Key prefix inside the bucket, for a bucket shared with other things (no slash at either end). */
  prefix?: string;
}

/** The cache line every stored file is served with: keys are content-addressed and never change. */
export const IMMUTABLE = 'public, max-age=31536000, immutable';

export function s3Client(s: S3Settings): S3Client {
  return new S3Client({
    region: s.region,
    endpoint: s.endpoint,
    forcePathStyle: s.forcePathStyle,
    // A bucket that does not answer makes an upload fail in seconds (503), not hang the request.
    requestHandler: { connectionTimeout: 5000, requestTimeout: 60_000 },
    maxAttempts: 3,
    // Checksums only where S3 requires them: many S3-compatible servers refuse the newer default's chunked uploads.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
}

/** 404s the SDK reports in several shapes depending on the call. */
function isMissing(e: unknown): boolean {
  const name = (e as { name?: string }).name;
  const status = (e as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
  return name === 'NoSuchKey' || name === 'NotFound' || status === 404;
}

/**
 * Errors that mean "the bucket cannot be reached or will not serve now": socket
 * failures, timeouts, and 5xx answers (after the SDK's own retries).
 */
export function isStorageOutage(e: unknown): boolean {
  if (isConnectionFailure(e)) return true;
  const name = (e as { name?: string }).name ?? '';
  if (name === 'TimeoutError' || name === 'RequestTimeout' || name === 'AbortError') return true;
  if (e instanceof S3ServiceException) return (e.$metadata?.httpStatusCode ?? 0) >= 500 || name === 'SlowDown';
  const code = (e as { code?: string }).code;
  return typeof code === 'string' && /^E(CONN|HOST|NET|PIPE|AI_)|ETIMEDOUT|ECONNRESET|ENOTFOUND/.test(code);
}

/** The one translation of SDK errors: outages become Unavailable (503), missing objects NotFound. */
export function mapS3Error(e: unknown, key?: string): unknown {
  if (e instanceof Unavailable || e instanceof NotFound) return e;
  if (isMissing(e)) return new NotFound(key ? `no media file ${key}` : 'no such media file');
  if (isStorageOutage(e)) return new Unavailable('the media storage does not answer', RETRY_AFTER_SECONDS, { cause: e });
  return e;
}

async function mapped<T>(key: string | undefined, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    throw mapS3Error(e, key);
  }
}

/** The entity tag as the bucket gives it (quoted), or an empty one. */
const etagOf = (etag: string | undefined) => etag ?? '""';

/**
 * Media in an S3-compatible bucket: every node reads what any node wrote.
 *
 * A batch writes its files under their final keys at once, before the rows
 * that name them are committed, so no row ever names a missing object. Keys
 * are content-addressed: a key already in the bucket holds the same bytes and
 * is left alone (and never deleted by this batch). Discarding deletes what the
 * batch itself created; whatever a crash leaves behind has no row and is
 * removed later by the sweep (media-sweep.ts).
 */
export class S3MediaStorage implements MediaStorage {
  readonly kind = 's3' as const;
  private readonly prefix: string;

  constructor(
    readonly client: S3Client,
    readonly settings: S3Settings,
  ) {
    this.prefix = settings.prefix ? `${settings.prefix}/` : '';
  }

  private objectKey(key: string): string {
    return this.prefix + safeKey(key);
  }

  async head(key: string): Promise<MediaObject | null> {
    try {
      const r = await this.client.send(new HeadObjectCommand({ Bucket: this.settings.bucket, Key: this.objectKey(key) }));
      return { key, size: r.ContentLength ?? 0, lastModified: r.LastModified ?? new Date(0), etag: etagOf(r.ETag) };
    } catch (e) {
      if (isMissing(e)) return null;
      throw mapS3Error(e, key);
    }
  }

  async exists(key: string): Promise<boolean> {
    return (await this.head(key)) !== null;
  }

  /** The object with its headers; the caller reads or destroys Body. Conditional and range requests pass through. */
  get(key: string, opts: { range?: string; ifNoneMatch?: string; ifModifiedSince?: Date } = {}): Promise<GetObjectCommandOutput> {
    return mapped(key, () =>
      this.client.send(
        new GetObjectCommand({ Bucket: this.settings.bucket, Key: this.objectKey(key), Range: opts.range, IfNoneMatch: opts.ifNoneMatch, IfModifiedSince: opts.ifModifiedSince }),
      ),
    );
  }

  async stream(key: string): Promise<Readable> {
    const r = await this.get(key);
    return r.Body as Readable;
  }

  async read(key: string): Promise<Buffer> {
    const body = await this.stream(key);
    return mapped(key, async () => {
      const chunks: Buffer[] = [];
      for await (const c of body) chunks.push(c as Buffer);
      return Buffer.concat(chunks);
    });
  }

  async write(key: string, data: MediaBody, contentType = contentTypeOf(key)): Promise<void> {
    await mapped(key, async () => {
      // Multipart past 8 MB, parts sent as they are read: a stream is never held whole.
      const upload = new Upload({
        client: this.client,
        params: { Bucket: this.settings.bucket, Key: this.objectKey(key), Body: data, ContentType: contentType, CacheControl: IMMUTABLE },
        queueSize: 2,
        partSize: 8 * 1024 * 1024,
        leavePartsOnError: false,
      });
      await upload.done();
    });
  }

  async remove(key: string): Promise<void> {
    await mapped(key, () => this.client.send(new DeleteObjectCommand({ Bucket: this.settings.bucket, Key: this.objectKey(key) })));
  }

  async *list(): AsyncIterable<MediaObject[]> {
    let token: string | undefined;
    do {
      const r = await mapped(undefined, () =>
        this.client.send(new ListObjectsV2Command({ Bucket: this.settings.bucket, Prefix: this.prefix || undefined, ContinuationToken: token, MaxKeys: 1000 })),
      );
      const page: MediaObject[] = [];
      for (const o of r.Contents ?? []) {
        if (!o.Key) continue;
        page.push({ key: o.Key.slice(this.prefix.length), size: o.Size ?? 0, lastModified: o.LastModified ?? new Date(0), etag: etagOf(o.ETag) });
      }
      if (page.length) yield page;
      token = r.IsTruncated ? r.NextContinuationToken : undefined;
    } while (token);
  }

  batch() {
    const created: string[] = [];
    return {
      put: async (key: string, data: MediaBody, contentType?: string) => {
        safeKey(key);
        if (Buffer.isBuffer(data) && (await this.head(key))?.size === data.length) return;
        await this.write(key, data, contentType);
        created.push(key);
      },
      // The objects are in place already; the rows that name them are what makes them part of the library.
      commit: async () => {
        created.length = 0;
      },
      discard: async () => {
        const keys = created.splice(0);
        // Every deletion is tried; one that failed (the bucket went away) is reported, and the sweep removes its file later.
        const failed = (await Promise.allSettled(keys.map((k) => this.remove(k)))).find((r) => r.status === 'rejected');
        if (failed) throw failed.reason;
      },
    };
  }
}
