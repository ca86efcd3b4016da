import type { FastifyInstance } from 'fastify';
import { need } from '../newsroom/auth.plugin.ts';
import { pathId } from '../store/ids.ts';
import { MAX_VTT_BYTES } from './subtitles.ts';
import { deleteSubtitles, getSubtitles, listSubtitles, putSubtitles, type SubtitlesDeps, type SubtitlesInput } from './subtitles.service.ts';

/**
 * A video's subtitles under /api/admin/videos/{id}/subtitles (docs/subtitles.md).
 * PUT takes the file itself (`text/vtt`) or JSON (`{ vtt, label }` or
 * `{ cues, label }`); who may upload pictures may send subtitles. The WebVTT
 * body parser is registered in a plugin of its own, so only these routes read
 * text/vtt bodies.
 */
export async function subtitlesRoutes(app: FastifyInstance, deps: SubtitlesDeps): Promise<void> {
  await app.register(async (scope) => {
    // A little room over the file limit, so that the service, not the body parser, says the file is too large.
    const bodyLimit = MAX_VTT_BYTES + 64 * 1024;
    scope.addContentTypeParser(['text/vtt', 'text/plain'], { parseAs: 'string', bodyLimit }, (_req, body, done) => done(null, { vtt: body as string }));

    scope.get<{ Params: { id: string } }>('/api/admin/videos/:id/subtitles', async (req) => {
      need(req, 'contributor');
      return listSubtitles(deps, pathId(req.params.id, 'video'));
    });

    scope.get<{ Params: { id: string; lang: string } }>('/api/admin/videos/:id/subtitles/:lang', async (req) => {
      need(req, 'contributor');
      return getSubtitles(deps, pathId(req.params.id, 'video'), req.params.lang);
    });

    scope.put<{ Params: { id: string; lang: string }; Querystring: { label?: string }; Body: SubtitlesInput }>(
      '/api/admin/videos/:id/subtitles/:lang',
      { bodyLimit },
      async (req) => {
        const actor = need(req, 'contributor');
        // A file sent as it is carries its label in the query string.
        const body = { ...(req.body ?? {}), ...(req.query.label !== undefined && (req.body as SubtitlesInput | undefined)?.label === undefined ? { label: req.query.label } : {}) };
        return putSubtitles(deps, pathId(req.params.id, 'video'), req.params.lang, body, actor);
      },
    );

    scope.delete<{ Params: { id: string; lang: string } }>('/api/admin/videos/:id/subtitles/:lang', async (req, reply) => {
      const actor = need(req, 'contributor');
      await deleteSubtitles(deps, pathId(req.params.id, 'video'), req.params.lang, actor);
      return reply.code(204).send();
    });
  });
}
