import fastifyMultipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { BadRequest, DomainError, PayloadTooLarge, ValidationFailed } from '../errors.ts';
import { need } from '../newsroom/auth.plugin.ts';
import { pathId, queryNumber, queryPage } from '../store/ids.ts';
import { getMedia, listMedia, replaceMediaFile, sizeLimitText, updateMedia, uploadImage, type MediaDeps, type MediaPatch, type UploadedFile } from './media.service.ts';

/** What a text field of the upload form may weigh (alt, caption, credit…: the longest, a caption, is 2000 characters). */
export const UPLOAD_FIELD_BYTES = 16 * 1024;
/** Text fields an upload form may carry besides its file. */
export const UPLOAD_FIELDS = 8;
/** Room in a multipart body for its boundaries, part headers and text fields, on top of the file itself. */
export const MULTIPART_OVERHEAD_BYTES = UPLOAD_FIELDS * UPLOAD_FIELD_BYTES + 64 * 1024;

/**
 * The newsroom's media library under /api/admin/media. Pictures arrive as
 * multipart/form-data in the field `file`, with optional text fields (alt,
 * caption, credit, copyright, creator, sourceUrl) that become the picture's own
 * words; metadata changes are JSON.
 *
 * The multipart parser is registered in a plugin of its own so that only these
 * routes accept multipart bodies, with the library's size limit; the error
 * handler and the auth hook of the root are inherited.
 */
export async function mediaRoutes(app: FastifyInstance, deps: MediaDeps): Promise<void> {
  const maxBytes = deps.images.limits.maxBytes;
  await app.register(async (scope) => {
    await scope.register(fastifyMultipart, {
      limits: { fileSize: maxBytes, files: 1, fields: UPLOAD_FIELDS, fieldSize: UPLOAD_FIELD_BYTES, parts: UPLOAD_FIELDS + 1, headerPairs: 20 },
      throwFileSizeLimit: true,
    });
    // A refused body is not read to its end: the answer closes the connection, and the socket goes with it.
    scope.addHook('onResponse', async (req, reply) => {
      if (reply.getHeader('connection') === 'close' && !req.raw.complete) req.raw.socket?.destroy();
    });

    scope.post('/api/admin/media', async (req, reply) => {
      const actor = need(req, 'contributor');
      const { file, fields } = await readUpload(req, reply, maxBytes);
      const { media, created } = await uploadImage(deps, file, actor, fields);
      // A file already in the library is answered with its entry, 200 rather than 201.
      return reply.code(created ? 201 : 200).send(media);
    });

    scope.get<{ Querystring: { q?: string; page?: string; perPage?: string } }>('/api/admin/media', async (req) => {
      need(req, 'contributor');
      const { q, page, perPage } = req.query;
      return listMedia(deps.db, { q, page: queryPage(page), perPage: queryNumber(perPage, 'perPage', { min: 1, max: 100, fallback: 30 }) });
    });

    scope.get<{ Params: { id: string } }>('/api/admin/media/:id', async (req) => {
      need(req, 'contributor');
      return getMedia(deps.db, pathId(req.params.id, 'picture'));
    });

    scope.patch<{ Params: { id: string }; Body: MediaPatch }>('/api/admin/media/:id', async (req) => {
      const actor = need(req, 'contributor');
      return updateMedia(deps, pathId(req.params.id, 'picture'), req.body, actor);
    });

    scope.put<{ Params: { id: string } }>('/api/admin/media/:id/file', async (req, reply) => {
      const actor = need(req, 'contributor');
      // The address first: a picture that cannot exist is a 404 whatever the body holds.
      const id = pathId(req.params.id, 'picture');
      const { file, fields } = await readUpload(req, reply, maxBytes);
      if (Object.keys(fields).length) throw new ValidationFailed([{ field: Object.keys(fields)[0], message: 'replacing a file keeps its words; change them with PATCH' }]);
      return replaceMediaFile(deps, id, file, actor);
    });
  });
}

/**
 * The one file of a multipart request, and its text fields. A body larger than
 * the picture limit allows is a 413 as soon as it is known to be (from its
 * Content-Length, or when the file passes the limit), without reading the
 * rest; a body that is not well-formed multipart is a 400.
 */
async function readUpload(req: FastifyRequest, reply: FastifyReply, maxBytes: number): Promise<{ file: UploadedFile; fields: Record<string, string> }> {
  const tooLarge = (name: string | null) => {
    // Stop reading now; the connection closes with the answer (see the onResponse hook).
    req.raw.pause();
    reply.header('connection', 'close');
    return new PayloadTooLarge(`${name || 'the file'} is over the size limit of ${sizeLimitText(maxBytes)}`);
  };
  const missing = () => new ValidationFailed([{ field: 'file', message: 'choose a picture to upload (multipart/form-data, field "file")' }]);
  const declared = Number(req.headers['content-length']);
  if (declared > maxBytes + MULTIPART_OVERHEAD_BYTES) throw tooLarge(null);

  let file: UploadedFile | undefined;
  let current: string | null = null;
  const fields: Record<string, string> = {};
  try {
    for await (const part of req.parts()) {
      if (part.type === 'field') {
        if (typeof part.value !== 'string' || part.valueTruncated) throw new ValidationFailed([{ field: part.fieldname, message: `expected text of at most ${UPLOAD_FIELD_BYTES} bytes` }]);
        fields[part.fieldname] = part.value;
        continue;
      }
      if (part.fieldname !== 'file' || file) {
        part.file.resume();
        throw file ? new ValidationFailed([{ field: 'file', message: 'send one picture per request' }]) : missing();
      }
      current = part.filename || null;
      const data = await readAtMost(part.file);
      if (!data) throw tooLarge(current);
      file = { filename: current, data };
    }
  } catch (e) {
    if (e instanceof DomainError) throw e;
    switch ((e as { code?: string }).code) {
      case 'FST_REQ_FILE_TOO_LARGE':
        throw tooLarge(current);
      case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
        throw missing();
      case 'FST_FILES_LIMIT':
        throw new ValidationFailed([{ field: 'file', message: 'send one picture per request' }]);
      case 'FST_PARTS_LIMIT':
      case 'FST_FIELDS_LIMIT':
        throw new ValidationFailed([{ field: 'file', message: `send one picture and at most ${UPLOAD_FIELDS} text fields` }]);
      default:
        // Whatever else the parser meets is the body's fault: no boundary, a part that breaks off, bad headers.
        throw new BadRequest(`malformed multipart body: ${(e as Error).message}`);
    }
  }
  if (!file) throw missing();
  return { file, fields };
}

/**
 * The file's bytes, or null as soon as they pass the parser's fileSize limit.
 * The parser's own toBuffer() notices the limit too, but keeps reading (and
 * dropping) the rest of the body until the part ends; here the 'limit' event
 * ends the read at once, and destroying the file stream unpipes the request.
 */
async function readAtMost(file: NodeJS.ReadableStream & { truncated?: boolean; destroy(error?: Error): void }): Promise<Buffer | null> {
  const overLimit = new Error('over the file size limit');
  if (file.truncated) {
    file.destroy();
    return null;
  }
  file.once('limit', () => file.destroy(overLimit));
  const chunks: Buffer[] = [];
  try {
    // The iterator also reports a part that broke off before we came to it (an error already emitted).
    for await (const chunk of file as AsyncIterable<Buffer>) chunks.push(chunk);
  } catch (e) {
    if (e === overLimit) return null;
    throw e;
  }
  return file.truncated ? null : Buffer.concat(chunks);
}
