import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../src/app.ts';
import { freshDatabase, testConfig } from './harness.ts';

describe('the Admin and Content API descriptions', () => {
  let app: App;
  const routes: string[] = [];
  const contentRoutes: string[] = [];
  let drop: () => Promise<void>;

  beforeAll(async () => {
    const db = await freshDatabase('sqlite');
    drop = db.drop;
    app = await buildApp(testConfig(db.dataDir, db.database), {
      // Every route the app registers, as the router sees it.
      onRoute: (r) => {
        for (const m of [r.method].flat()) {
          if (m === 'HEAD') continue;
          const route = `${m} ${r.url.replace(/:(\w+)/g, '{$1}')}`;
          if (r.url.startsWith('/api/admin')) routes.push(route);
          if (r.url.startsWith('/api/content')) contentRoutes.push(route);
        }
      },
    });
    await app.server.ready();
  });
  afterAll(async () => {
    await app.close();
    await drop();
  });

  it('lists exactly the routes the app serves under /api/admin', async () => {
    const doc = (await app.server.inject('/api/admin/openapi.json')).json();
    expect(doc.openapi).toBe('3.1.0');
    const documented = Object.entries(doc.paths as Record<string, object>).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`));
    expect([...new Set(routes)].sort()).toEqual(documented.sort());
  });

  it('documents error answers with the shared error shape', async () => {
    const doc = (await app.server.inject('/api/admin/openapi.json')).json();
    const put = doc.paths['/api/admin/articles/{id}'].put;
    expect(Object.keys(put.responses)).toEqual(expect.arrayContaining(['200', '412', '428']));
    expect(put.responses['412'].content['application/json'].schema.$ref).toBe('#/components/schemas/Error');
  });

  it('describes exactly the routes the app serves under /api/content, search included', async () => {
    const r = await app.server.inject('/api/content/openapi.json');
    expect(r.statusCode).toBe(200);
    const doc = r.json();
    expect(doc.openapi).toBe('3.1.0');
    const documented = Object.entries(doc.paths as Record<string, object>).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`));
    expect([...new Set(contentRoutes)].sort()).toEqual(documented.sort());
    const search = doc.paths['/api/content/search'].get;
    expect(search.parameters.map((p: { name: string }) => p.name)).toEqual(['edition', 'q', 'sort', 'section', 'topic', 'person', 'type', 'from', 'to', 'page']);
    expect(search.responses['422'].content['application/json'].schema.$ref).toBe('#/components/schemas/Error');
  });
});
