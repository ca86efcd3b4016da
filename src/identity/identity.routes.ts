import fastifyMultipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { BadRequest, PayloadTooLarge, ValidationFailed } from '../errors.ts';
import { need } from '../newsroom/auth.plugin.ts';
import { getIdentity, removeIcons, removeLogo, setIcons, setLogo, updateIdentity, type IdentityDeps } from './identity.service.ts';

/** A logo or an icon picture: small files; a 4 MB PNG is already far more than a wordmark needs. */
export const IDENTITY_FILE_BYTES = 4 * 1024 * 1024;

/**
 * An edition's identity in the Admin API (admins only): colours, social
 * accounts and the default social picture as JSON; the logo and the icon
 * picture as multipart/form-data, in a field named `logo` or `icon`.
 */
export async function identityRoutes(app: FastifyInstance, deps: IdentityDeps): Promise<void> {
  const base = '/api/admin/editions/:edition/identity';
  await app.register(async (scope) => {
    await scope.register(fastifyMultipart, { limits: { fileSize: IDENTITY_FILE_BYTES, files: 1, fields: 0, parts: 1, headerPairs: 20 }, throwFileSizeLimit: true });

    scope.get<{ Params: { edition: string } }>(base, async (req, reply) => {
      need(req, 'admin');
      return reply.header('cache-control', 'no-store').send({ identity: await getIdentity(deps, req.params.edition) });
    });
    scope.patch<{ Params: { edition: string } }>(base, async (req) => {
      const actor = need(req, 'admin');
      return { identity: await updateIdentity(deps, req.params.edition, req.body, actor) };
    });
    scope.put<{ Params: { edition: string } }>(`${base}/logo`, async (req) => {
      const actor = need(req, 'admin');
      return { identity: await setLogo(deps, req.params.edition, await oneFile(req, 'logo'), actor) };
    });
    scope.delete<{ Params: { edition: string } }>(`${base}/logo`, async (req) => {
      const actor = need(req, 'admin');
      return { identity: await removeLogo(deps, req.params.edition, actor) };
    });
    scope.put<{ Params: { edition: string } }>(`${base}/icon`, async (req) => {
      const actor = need(req, 'admin');
      return { identity: await setIcons(deps, req.params.edition, await oneFile(req, 'icon'), actor) };
    });
    scope.delete<{ Params: { edition: string } }>(`${base}/icon`, async (req) => {
      const actor = need(req, 'admin');
      return { identity: await removeIcons(deps, req.params.edition, actor) };
    });
  });
}

/** The one file of a multipart body, in the field `field`; the refusals name that field. */
async function oneFile(req: FastifyRequest, field: string): Promise<Buffer> {
  const missing = () => new ValidationFailed([{ field, message: `choose a file to upload (multipart/form-data, field "${field}")` }]);
  if (!req.isMultipart()) throw missing();
  try {
    const part = await req.file();
    if (!part) throw missing();
    if (part.fieldname !== field) {
      part.file.resume();
      throw missing();
    }
    return await part.toBuffer();
  } catch (e) {
    if (e instanceof ValidationFailed) throw e;
    const code = (e as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw new PayloadTooLarge(`${field}: the file is over the limit of ${IDENTITY_FILE_BYTES / 1024 / 1024} MB`);
    if (code === 'FST_PARTS_LIMIT' || code === 'FST_FILES_LIMIT' || code === 'FST_FIELDS_LIMIT') throw new ValidationFailed([{ field, message: 'send one file and nothing else' }]);
    throw new BadRequest(`malformed multipart body: ${(e as Error).message}`);
  }
}
