import type { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { NotFound } from '../errors.ts';
import { IMMUTABLE, type S3MediaStorage } from './s3-storage.ts';
import { contentTypeOf, isSafeMediaKey } from './storage.ts';

/**
 * /media/<key> when media live in a bucket: any node streams the object from
 * the bucket, never holding it whole, with the bucket's ETag and Last-Modified
 * (conditional requests answer 304) and byte ranges passed through. With
 * MEDIA_PUBLIC_URL set, pages link to that host instead, and this route stays
 * for old links, the admin's previews and a CDN that pulls from the site.
 */
export function bucketMediaRoutes(app: FastifyInstance, storage: S3MediaStorage): void {
  const keyOf = (key: string) => {
    // Staging and other dot-folders are never served, as with the local folder.
    if (!isSafeMediaKey(key) || key.split('/').some((part) => part.startsWith('.'))) throw new NotFound('no such media file');
    return key;
  };

  // HEAD asks the bucket for the headers only (the GET route's automatic HEAD would read the whole object).
  app.head<{ Params: { '*': string } }>('/media/*', async (req, reply) => {
    const key = keyOf(req.params['*']);
    const obj = await storage.head(key);
    if (!obj) throw new NotFound('no such media file');
    return reply
      .header('content-type', contentTypeOf(key))
      .header('cache-control', IMMUTABLE)
      .header('accept-ranges', 'bytes')
      .header('etag', obj.etag)
      .header('last-modified', obj.lastModified.toUTCString())
      .header('content-length', String(obj.size))
      .send();
  });

  app.get<{ Params: { '*': string } }>('/media/*', { exposeHeadRoute: false }, async (req, reply) => {
    const key = keyOf(req.params['*']);
    const since = req.headers['if-modified-since'];
    const range = typeof req.headers.range === 'string' && /^bytes=\d*-\d*$/.test(req.headers.range) ? req.headers.range : undefined;
    let obj;
    try {
      obj = await storage.get(key, {
        range,
        ifNoneMatch: req.headers['if-none-match'],
        ifModifiedSince: since && !req.headers['if-none-match'] && !Number.isNaN(Date.parse(since)) ? new Date(since) : undefined,
      });
    } catch (e) {
      const status = (e as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
      const name = (e as { name?: string }).name;
      if (status === 304 || name === 'NotModified') return reply.code(304).header('cache-control', IMMUTABLE).send();
      if (status === 416 || name === 'InvalidRange') return reply.code(416).header('cache-control', 'no-store').send();
      throw e;
    }
    reply
      .header('content-type', obj.ContentType && obj.ContentType !== 'application/octet-stream' ? obj.ContentType : contentTypeOf(key))
      .header('cache-control', IMMUTABLE)
      .header('accept-ranges', 'bytes')
      .header('x-content-type-options', 'nosniff');
    if (obj.ETag) reply.header('etag', obj.ETag);
    if (obj.LastModified) reply.header('last-modified', obj.LastModified.toUTCString());
    if (obj.ContentLength !== undefined) reply.header('content-length', String(obj.ContentLength));
    if (range && obj.ContentRange) reply.code(206).header('content-range', obj.ContentRange);
    return reply.send(obj.Body as Readable);
  });
}
