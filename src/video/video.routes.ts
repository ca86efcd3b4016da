import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import fastifyMultipart from '@fastify/multipart';
import { Server as TusServer } from '@tus/server';
import type { DataStore, Upload } from '@tus/utils';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { BadRequest, DomainError, PayloadTooLarge, ValidationFailed } from '../errors.ts';
import { sizeLimitText } from '../media/media.service.ts';
import { need } from '../newsroom/auth.plugin.ts';
import type { Actor } from '../newsroom/roles.ts';
import { pathId, queryNumber, queryPage } from '../store/ids.ts';
import { probeVideo, VideoRejected, type ProbeLimits } from './probe.ts';
import { changePoster, checkUploadFields, createVideo, deleteVideo, getVideo, listVideos, retryVideo, updateVideo, videoOfUpload, UPLOAD_FIELD_NAMES, type VideoDeps } from './video.service.ts';

export const TUS_PATH = '/api/admin/videos/uploads';

/** What a text field of the upload form may weigh (the longest, a description, is 5000 characters). */
const FIELD_BYTES = 32 * 1024;
const FIELDS = UPLOAD_FIELD_NAMES.length;
const MULTIPART_OVERHEAD_BYTES = FIELDS * FIELD_BYTES + 64 * 1024;

export interface VideoRouteDeps extends VideoDeps {
  /** The largest upload (MAX_VIDEO_BYTES). */
  maxBytes: number;
  /** Where multipart uploads are written while they arrive, and local tus uploads live (config.video.uploadDir). */
  uploadDir: string;
  probe: ProbeLimits;
  /** tus's store: a folder (local media) or the media bucket (S3); `local` says which. */
  tus: { store: DataStore; local: boolean };
  /** Whether X-Forwarded-* may build the upload's Location (TRUST_PROXY set). */
  respectForwardedHeaders: boolean;
}

/** The refusal of a file the probe turned down: 422 on `file`, with the reason. */
function refused(e: VideoRejected, filename: string | null): ValidationFailed {
  return new ValidationFailed([{ field: 'file', message: `${filename ? `${filename}: ` : ''}${e.message}` }]);
}

/**
 * The video library under /api/admin/videos: plain multipart uploads, the
 * tus protocol for large and resumable ones, the library's list and entries,
 * metadata edits (If-Match), deletion, retry and poster changes. Registered
 * in the Admin API's scope: its authentication, CSRF check and rate limit
 * apply to every request, tus's included.
 */
export async function videoRoutes(app: FastifyInstance, deps: VideoRouteDeps): Promise<void> {
  await fs.mkdir(deps.uploadDir, { recursive: true });
  const probe = (file: string) => probeVideo(file, deps.probe);
  const tus = tusServer(deps, probe);

  await app.register(async (scope) => {
    await scope.register(fastifyMultipart, {
      limits: { fileSize: deps.maxBytes, files: 1, fields: FIELDS, fieldSize: FIELD_BYTES, parts: FIELDS + 1, headerPairs: 20 },
      throwFileSizeLimit: true,
    });
    // A refused body is not read to its end: the answer closes the connection, and the socket goes with it.
    scope.addHook('onResponse', async (req, reply) => {
      if (reply.getHeader('connection') === 'close' && !req.raw.complete) req.raw.socket?.destroy();
    });
    scope.post('/api/admin/videos', async (req, reply) => {
      const actor = need(req, 'contributor');
      const tmp = path.join(deps.uploadDir, `multipart-${randomBytes(12).toString('hex')}`);
      try {
        const { filename, fields, bytes } = await receive(req, reply, tmp, deps.maxBytes);
        // The words first: a wrong edition is said before the file is probed.
        await checkUploadFields(deps, fields);
        const probed = await probe(tmp).catch((e) => {
          throw e instanceof VideoRejected ? refused(e, filename) : e;
        });
        const video = await createVideo(deps, { file: tmp, filename, bytes, probe: probed, fields }, actor);
        return reply.code(201).header('location', `/api/admin/videos/${video.id}`).header('etag', `"${video.version}"`).send({ video });
      } finally {
        await fs.rm(tmp, { force: true });
      }
    });
  });

  // tus: its bodies are application/offset+octet-stream, left unread for tus to stream to its store.
  await app.register(async (scope) => {
    scope.addContentTypeParser('application/offset+octet-stream', (_req, _payload, done) => done(null));
    const handle = async (req: FastifyRequest, reply: FastifyReply) => {
      const actor = need(req, 'contributor');
      actors.set(req.raw, actor);
      reply.hijack();
      try {
        await tus.handle(req.raw, reply.raw);
      } catch (err) {
        // tus answers its own errors; this is one it could not (the reply is ours no more, so it is ended here).
        req.log.error({ err }, 'tus request failed');
        if (!reply.raw.headersSent) reply.raw.writeHead(500, { 'content-type': 'application/json' });
        reply.raw.end(JSON.stringify({ code: 'internal', message: 'the upload could not be handled' }));
      }
    };
    scope.post(TUS_PATH, handle);
    scope.route({ method: ['HEAD', 'PATCH', 'DELETE'], url: `${TUS_PATH}/:uploadId`, handler: handle });
  });

  app.get<{ Params: { uploadId: string } }>(`${TUS_PATH}/:uploadId/video`, async (req) => {
    need(req, 'contributor');
    return { video: await videoOfUpload(deps, req.params.uploadId) };
  });

  app.get<{ Querystring: { state?: string; q?: string; edition?: string; page?: string; perPage?: string } }>('/api/admin/videos', async (req) => {
    need(req, 'contributor');
    const { state, q, edition, page, perPage } = req.query;
    return listVideos(deps, { state, q, edition, page: queryPage(page), perPage: queryNumber(perPage, 'perPage', { min: 1, max: 100, fallback: 30 }) });
  });

  const id = (p: { id: string }) => pathId(p.id, 'video');

  app.get<{ Params: { id: string } }>('/api/admin/videos/:id', async (req, reply) => {
    need(req, 'contributor');
    const video = await getVideo(deps, id(req.params));
    return reply.header('etag', `"${video.version}"`).send({ video });
  });

  app.patch<{ Params: { id: string } }>('/api/admin/videos/:id', async (req, reply) => {
    const video = await updateVideo(deps, id(req.params), req.body, req.headers['if-match'], need(req));
    return reply.header('etag', `"${video.version}"`).send({ video });
  });

  app.delete<{ Params: { id: string } }>('/api/admin/videos/:id', async (req, reply) => {
    await deleteVideo(deps, id(req.params), need(req));
    return reply.code(204).send();
  });

  app.post<{ Params: { id: string } }>('/api/admin/videos/:id/retry', async (req, reply) => {
    const video = await retryVideo(deps, id(req.params), need(req));
    return reply.code(202).send({ video });
  });

  app.post<{ Params: { id: string } }>('/api/admin/videos/:id/poster', async (req, reply) => {
    const { video, queued } = await changePoster(deps, id(req.params), req.body, need(req));
    return reply.code(queued ? 202 : 200).send({ video });
  });
}

/** Who sent each tus request, for tus's hooks (which see only the request). */
const actors = new WeakMap<IncomingMessage, Actor>();

/** The Node request behind tus's web request (srvx keeps it). */
function nodeRequest(req: unknown): IncomingMessage | undefined {
  return (req as { runtime?: { node?: { req?: IncomingMessage } } }).runtime?.node?.req;
}

/** A refusal as tus answers it: our usual error body. */
function tusRefusal(e: DomainError | VideoRejected, status: number) {
  const issues = e instanceof ValidationFailed ? e.issues : [{ field: 'file', message: e.message }];
  return { status_code: status, body: JSON.stringify({ code: 'validation_failed', message: issues.map((i) => `${i.field}: ${i.message}`).join('; '), issues }) };
}

/** Upload-Metadata keys that describe the file rather than the video. */
const FILE_KEYS = new Set(['filename', 'name', 'filetype', 'type']);

function fieldsOf(upload: Upload): Record<string, string> {
  return Object.fromEntries(Object.entries(upload.metadata ?? {}).filter(([k, v]) => !FILE_KEYS.has(k) && v !== null)) as Record<string, string>;
}

function tusServer(deps: VideoRouteDeps, probe: (file: string) => ReturnType<typeof probeVideo>): TusServer {
  const server: TusServer = new TusServer({
    path: TUS_PATH,
    datastore: deps.tus.store,
    maxSize: deps.maxBytes,
    relativeLocation: true,
    respectForwardedHeaders: deps.respectForwardedHeaders,
    exposedHeaders: ['Video-Id'],
    // Flat and unguessable: the id is the upload's address, and on S3 its object's key.
    namingFunction: () => `tus-${randomBytes(16).toString('hex')}`,
    // The words are checked before any byte is sent: a wrong edition is refused at creation.
    async onUploadCreate(_req, upload) {
      try {
        await checkUploadFields(deps, fieldsOf(upload));
      } catch (e) {
        if (e instanceof ValidationFailed) throw tusRefusal(e, 422);
        throw e;
      }
      return {};
    },
    async onUploadFinish(req, upload) {
      const actor = actors.get(nodeRequest(req)!);
      if (!actor) throw { status_code: 401, body: 'sign in or send an API token' };
      const filename = (upload.metadata?.filename ?? upload.metadata?.name ?? null) as string | null;
      const fields = fieldsOf(upload);
      const bytes = upload.size ?? upload.offset;
      if (!deps.tus.local) {
        // On S3 the bytes are in the bucket: the job's first step fetches and probes them.
        const video = await createVideo(deps, { tusKey: upload.id, filename, bytes, probe: null, fields, uploadId: upload.id }, actor);
        return { headers: { 'Video-Id': video.id } };
      }
      const file = path.join(deps.uploadDir, upload.id);
      try {
        let probed;
        try {
          probed = await probe(file);
        } catch (e) {
          if (e instanceof VideoRejected) throw tusRefusal(refused(e, filename), 422);
          throw e;
        }
        const video = await createVideo(deps, { file, filename, bytes, probe: probed, fields, uploadId: upload.id }, actor);
        return { headers: { 'Video-Id': video.id } };
      } catch (e) {
        if (e instanceof ValidationFailed) throw tusRefusal(e, 422);
        throw e;
      } finally {
        // Copied into the media storage (or refused): the upload's own files go.
        await server.datastore.remove(upload.id).catch(() => {});
      }
    },
  });
  return server;
}

/**
 * Streams the request's one file to `file` (never holding it in memory) and
 * collects its text fields. A body over the limit is a 413 as soon as that is
 * known, without reading the rest; one that is not multipart a 422 on `file`.
 */
async function receive(req: FastifyRequest, reply: FastifyReply, file: string, maxBytes: number): Promise<{ filename: string | null; fields: Record<string, string>; bytes: number }> {
  const tooLarge = (name: string | null) => {
    req.raw.pause();
    reply.header('connection', 'close');
    return new PayloadTooLarge(`${name || 'the file'} is over the size limit of ${sizeLimitText(maxBytes)}`);
  };
  const missing = () => new ValidationFailed([{ field: 'file', message: 'choose a video to upload (multipart/form-data, field "file")' }]);
  if (Number(req.headers['content-length']) > maxBytes + MULTIPART_OVERHEAD_BYTES) throw tooLarge(null);
  let filename: string | null = null;
  let got = false;
  const fields: Record<string, string> = {};
  try {
    for await (const part of req.parts()) {
      if (part.type === 'field') {
        if (typeof part.value !== 'string' || part.valueTruncated) throw new ValidationFailed([{ field: part.fieldname, message: `expected text of at most ${FIELD_BYTES} bytes` }]);
        fields[part.fieldname] = part.value;
        continue;
      }
      if (part.fieldname !== 'file' || got) {
        part.file.resume();
        throw got ? new ValidationFailed([{ field: 'file', message: 'send one video per request' }]) : missing();
      }
      got = true;
      filename = part.filename || null;
      const overLimit = new Error('over the file size limit');
      part.file.once('limit', () => part.file.destroy(overLimit));
      try {
        await pipeline(part.file, createWriteStream(file));
      } catch (e) {
        if (e === overLimit) throw tooLarge(filename);
        throw e;
      }
      if (part.file.truncated) throw tooLarge(filename);
    }
  } catch (e) {
    if (e instanceof DomainError) throw e;
    switch ((e as { code?: string }).code) {
      case 'FST_REQ_FILE_TOO_LARGE':
        throw tooLarge(filename);
      case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
        throw missing();
      case 'FST_FILES_LIMIT':
        throw new ValidationFailed([{ field: 'file', message: 'send one video per request' }]);
      case 'FST_PARTS_LIMIT':
      case 'FST_FIELDS_LIMIT':
        throw new ValidationFailed([{ field: 'file', message: `send one video and at most ${FIELDS} text fields` }]);
      default:
        throw new BadRequest(`malformed multipart body: ${(e as Error).message}`);
    }
  }
  if (!got) throw missing();
  const { size } = await fs.stat(file);
  return { filename, fields, bytes: size };
}
