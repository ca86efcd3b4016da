import fastifyMultipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ValidationFailed } from '../errors.ts';
import { need } from '../newsroom/auth.plugin.ts';
import { pathId, queryNumber, queryPage } from '../store/ids.ts';
import { fileRejected, getMedia, listMedia, replaceMediaFile, updateMedia, uploadImage, type MediaDeps, type MediaPatch, type UploadedFile } from './media.service.ts';

/**
 * The newsroom's media library under /api/admin/media. Pictures arrive as
 * multipart/form-data in the field `file`; metadata changes are JSON.
 *
 * The multipart parser is registered in a plugin of its own so that only these
 * routes accept multipart bodies, with the library's size limit; the error
 * handler and the auth hook of the root are inherited.
 */
export async function mediaRoutes(app: FastifyInstance, deps: MediaDeps): Promise<void> {
  await app.register(async (scope) => {
    await scope.register(fastifyMultipart, { limits: { fileSize: deps.maxImageBytes, files: 1, fields: 10, parts: 20 } });

    scope.post('/api/admin/media', async (req, reply) => {
      const actor = need(req, 'contributor');
      const { media, created } = await uploadImage(deps, await readUpload(req, deps.maxImageBytes), actor);
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

    scope.put<{ Params: { id: string } }>('/api/admin/media/:id/file', async (req) => {
      const actor = need(req, 'contributor');
      return replaceMediaFile(deps, pathId(req.params.id, 'picture'), await readUpload(req, deps.maxImageBytes), actor);
    });
  });
}

/**
 * The one file of a multipart request. The parser's own errors (413, 406) are
 * answered as the 422 on `file` that the admin UI shows beside the picker.
 */
async function readUpload(req: FastifyRequest, maxBytes: number): Promise<UploadedFile> {
  const missing = () => new ValidationFailed([{ field: 'file', message: 'choose a picture to upload (multipart/form-data, field "file")' }]);
  let part;
  try {
    part = await req.file();
    if (!part) throw missing();
    if (part.fieldname !== 'file') {
      part.file.resume();
      throw missing();
    }
    return { filename: part.filename || null, data: await part.toBuffer() };
  } catch (e) {
    switch ((e as { code?: string }).code) {
      case 'FST_REQ_FILE_TOO_LARGE':
        throw fileRejected(`${part?.filename || 'the file'} is over the size limit`, maxBytes);
      case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
        throw missing();
      case 'FST_FILES_LIMIT':
      case 'FST_PARTS_LIMIT':
      case 'FST_FIELDS_LIMIT':
        throw new ValidationFailed([{ field: 'file', message: 'send one picture per request' }]);
      default:
        throw e;
    }
  }
}
