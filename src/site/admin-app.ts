import fs from 'node:fs/promises';
import path from 'node:path';
import type { FastifyInstance, FastifyReply } from 'fastify';

/**
 * Serves the newsroom app built by Vite (admin/ → dist/admin, `npm run build:admin`)
 * at /admin/. Fingerprinted files under /admin/assets/ are kept a year; every
 * other path that is not a file gets index.html, so the client's routes
 * (/admin/articles/12) load the app. The app talks only to /api/admin.
 */

export const ADMIN_CSP = [
  "default-src 'self'",
  "img-src 'self' data: blob:",
  "style-src 'self'",
  "script-src 'self'",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "object-src 'none'",
].join('; ');

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

const NOT_BUILT = 'admin app not built: run npm run build:admin';

function secure(reply: FastifyReply): FastifyReply {
  return reply
    .header('content-security-policy', ADMIN_CSP)
    .header('x-content-type-options', 'nosniff')
    .header('referrer-policy', 'same-origin');
}

async function readFileOrNull(file: string): Promise<Buffer | null> {
  try {
    return await fs.readFile(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'EISDIR' || code === 'ENOTDIR') return null;
    throw err;
  }
}

export function adminApp(app: FastifyInstance, opts: { root: string }): void {
  const root = path.resolve(opts.root);
  // index.html is small and changes on every build: read it per request, never cached by the browser.
  const sendIndex = async (reply: FastifyReply) => {
    const html = await readFileOrNull(path.join(root, 'index.html'));
    secure(reply).header('cache-control', 'no-store');
    if (!html) return reply.code(503).type('text/plain; charset=utf-8').send(NOT_BUILT);
    return reply.type('text/html; charset=utf-8').send(html);
  };

  /** A file of the build, by its path under /admin/; null when there is none (or the path leaves the root). */
  const readBuilt = async (rel: string): Promise<{ body: Buffer; type: string } | null> => {
    let decoded: string;
    try {
      decoded = decodeURIComponent(rel);
    } catch {
      return null;
    }
    if (decoded.includes('\0') || decoded.split('/').some((part) => part === '..' || part.startsWith('.'))) return null;
    const file = path.resolve(root, decoded);
    if (!file.startsWith(root + path.sep)) return null;
    const type = TYPES[path.extname(file).toLowerCase()];
    if (!type) return null;
    const body = await readFileOrNull(file);
    return body ? { body, type } : null;
  };

  app.get('/admin', (_req, reply) => sendIndex(reply));
  app.get('/admin/', (_req, reply) => sendIndex(reply));
  app.get<{ Params: { '*': string } }>('/admin/*', async (req, reply) => {
    const rel = req.params['*'] ?? '';
    if (rel === 'index.html') return sendIndex(reply);
    const isAsset = rel.startsWith('assets/');
    const file = rel ? await readBuilt(rel) : null;
    if (file) {
      secure(reply).header('cache-control', isAsset ? 'public, max-age=31536000, immutable' : 'no-cache');
      return reply.type(file.type).send(file.body);
    }
    // A missing fingerprinted file is a 404: answering HTML to a script request would only hide the fault.
    if (isAsset) {
      const built = await readFileOrNull(path.join(root, 'index.html'));
      secure(reply).header('cache-control', 'no-store');
      return reply
        .code(built ? 404 : 503)
        .type('text/plain; charset=utf-8')
        .send(built ? 'not found' : NOT_BUILT);
    }
    return sendIndex(reply);
  });
}
