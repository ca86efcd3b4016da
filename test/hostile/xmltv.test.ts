import fs from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchXmltv } from '../../src/tv/xmltv-import.ts';
import { XmltvRefused } from '../../src/tv/xmltv.ts';
import { cliEnv, depeche } from '../cli-runner.ts';
import { forEachDialect, freshDatabase, scratchDir } from '../harness.ts';

/**
 * Schedule sources that misbehave: an answer that never ends, one that never
 * comes, a gzip bomb. Each is refused with its reason within its bound, and
 * nothing is written.
 */

describe('fetching an XMLTV URL', () => {
  let server: http.Server;
  let base: string;
  const open = new Set<http.ServerResponse>();
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      open.add(res);
      res.on('close', () => open.delete(res));
      if (req.url === '/endless') {
        res.writeHead(200, { 'content-type': 'application/xml' });
        const chunk = Buffer.alloc(64 * 1024, 0x20);
        const push = () => {
          while (res.write(chunk));
        };
        res.on('drain', push);
        push();
      } else if (req.url === '/silent') {
        // Never answers.
      } else if (req.url === '/declared') {
        res.writeHead(200, { 'content-length': String(10 * 1024 * 1024) });
        res.end();
      }
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });
  afterAll(async () => {
    for (const res of open) res.destroy();
    await new Promise((r) => server.close(r));
  });

  it('stops reading an answer that never ends at the size cap', async () => {
    await expect(fetchXmltv(`${base}/endless`, { maxBytes: 1024 * 1024, maxProgrammes: 10 })).rejects.toThrow(/larger than 1048576 bytes/);
  });

  it('refuses an answer that declares more than the cap before reading it', async () => {
    await expect(fetchXmltv(`${base}/declared`, { maxBytes: 1024 * 1024, maxProgrammes: 10 })).rejects.toThrow(/larger than/);
  });

  it('gives up on a server that never answers', async () => {
    const started = Date.now();
    await expect(fetchXmltv(`${base}/silent`, undefined, 500)).rejects.toThrow(/no answer within 0.5 s/);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('fetches only http(s)', async () => {
    await expect(fetchXmltv('file:///etc/passwd')).rejects.toThrow(XmltvRefused);
    await expect(fetchXmltv('not a url')).rejects.toThrow(/not a URL/);
  });
});

forEachDialect('hostile XMLTV files on the command line', (dialect) => {
  let env: Record<string, string>;
  let drop: () => Promise<void>;
  let dir: string;
  beforeAll(async () => {
    const db = await freshDatabase(dialect);
    drop = db.drop;
    env = cliEnv(db.dataDir, db.database);
    dir = await scratchDir('xmltv-hostile-');
  });
  afterAll(() => drop());

  it('refuses a gzip bomb while it inflates, a file with too many programmes and a missing file, each with its reason', async () => {
    const bomb = path.join(dir, 'bomb.xml.gz');
    // 64 MiB of spaces inside a <tv> element, about 64 KiB once compressed.
    await fs.writeFile(bomb, gzipSync(Buffer.concat([Buffer.from('<tv>'), Buffer.alloc(64 * 1024 * 1024, 0x20), Buffer.from('</tv>')])));
    let r = await depeche(env, ['import', '--from', 'xmltv', bomb]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('nothing was imported');
    expect(r.stderr).toContain('once decompressed');
    const many = path.join(dir, 'many.xml');
    const one = '<programme start="20261101060000" stop="20261101060100" channel="a"><title>x</title></programme>';
    await fs.writeFile(many, `<tv>${one.repeat(50_001)}</tv>`);
    r = await depeche(env, ['import', '--from', 'xmltv', many]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('more than 50000 programmes');
    r = await depeche(env, ['import', '--from', 'xmltv', path.join(dir, 'absent.xml')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('file not found');
  }, 120_000);
});
