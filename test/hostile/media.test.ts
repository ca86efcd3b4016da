import fs from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { adminClient, firstAdmin, type AdminClient } from '../admin-client.ts';
import { cliEnv, depeche } from '../cli-runner.ts';
import { forEachDialect, listFiles, makeArticle, makeImage, scratchDir, startTestSite, type TestSite } from '../harness.ts';

const LIMIT = 1024 * 1024;
const PASSWORD = 'correct horse battery';

function form(data: Buffer, filename: string, fields: Record<string, string> = {}, type = 'image/jpeg'): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.append(k, v);
  f.append('file', new Blob([new Uint8Array(data)], { type }), filename);
  return f;
}

/** The 285 KB kind of picture from the issue: 100000 × 1000, one colour, so tiny once compressed. */
const stripPng = () => sharp({ create: { width: 100_000, height: 1000, channels: 3, background: '#808080' } }).png({ compressionLevel: 9 }).toBuffer();

/** A JPEG whose header reads well and whose pixels stop halfway. */
async function truncatedJpeg(): Promise<Buffer> {
  const whole = await sharp({ create: { width: 1600, height: 1200, channels: 3, background: '#000', noise: { type: 'gaussian', mean: 128, sigma: 40 } } })
    .jpeg({ quality: 90 })
    .toBuffer();
  return whole.subarray(0, Math.floor(whole.length / 2));
}

/**
 * Sends a multipart request over a raw socket, its body produced as the socket
 * drains (chunked, unless a content-length is given), and resolves with the status line the server answers and
 * how many bytes of the body had been written when it did.
 */
function rawUpload(url: string, headers: Record<string, string>, bodyBytes: number, head: string): Promise<{ status: number; sentWhenAnswered: number; body: string }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), hostname);
    let sent = 0;
    let sentWhenAnswered = -1;
    let answer = '';
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      socket.destroy();
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1] ?? 0);
      resolve({ status, sentWhenAnswered, body: answer.split('\r\n\r\n').slice(1).join('\r\n\r\n') });
    };
    socket.on('data', (d) => {
      if (sentWhenAnswered < 0) sentWhenAnswered = sent;
      answer += d.toString('latin1');
      // The whole answer is in once its JSON body closes (a chunked one ends with 0\r\n\r\n).
      if (/\r\n\r\n[\s\S]*\}\s*(0\r\n\r\n)?$/.test(answer)) finish();
    });
    socket.on('error', () => (sentWhenAnswered >= 0 ? finish() : reject(new Error(`connection failed after ${sent} bytes`))));
    socket.on('close', () => (sentWhenAnswered >= 0 ? finish() : reject(new Error(`closed without an answer after ${sent} bytes`))));
    socket.on('connect', async () => {
      const chunked = !('content-length' in headers);
      const lines = Object.entries({ host: `${hostname}:${port}`, ...(chunked ? { 'transfer-encoding': 'chunked' } : {}), ...headers }).map(([k, v]) => `${k}: ${v}`);
      socket.write(`POST /api/admin/media HTTP/1.1\r\n${lines.join('\r\n')}\r\n\r\n`);
      const chunk = (b: Buffer) => {
        if (!chunked) return socket.write(b);
        socket.write(`${b.length.toString(16)}\r\n`);
        socket.write(b);
        return socket.write('\r\n');
      };
      const first = Buffer.from(head, 'latin1');
      chunk(first);
      sent += first.length;
      const block = Buffer.alloc(64 * 1024, 0x41);
      while (sent < bodyBytes && sentWhenAnswered < 0 && !socket.destroyed) {
        if (!chunk(block)) await new Promise<void>((r) => {
          socket.once('drain', r);
          socket.once('close', r);
          socket.once('data', r);
        });
        sent += block.length;
      }
      if (chunked && !socket.destroyed && sentWhenAnswered < 0) socket.write('0\r\n\r\n');
    });
  });
}

forEachDialect('hostile pictures', (dialect) => {
  let site: TestSite;
  let admin: AdminClient;
  let contributor: AdminClient;
  let editor: AdminClient;

  beforeAll(async () => {
    site = await startTestSite(dialect, { maxImageBytes: LIMIT, imageDecodes: 2 });
    admin = await firstAdmin(site.url, PASSWORD, 'Ada');
    await admin.json('POST', '/api/admin/users', { email: 'pigiste@example.org', name: 'Paul', role: 'contributor', password: PASSWORD });
    await admin.json('POST', '/api/admin/users', { email: 'edith@example.org', name: 'Edith', role: 'editor', password: PASSWORD });
    contributor = await adminClient(site.url).login('pigiste@example.org', PASSWORD);
    editor = await adminClient(site.url).login('edith@example.org', PASSWORD);
  });
  afterAll(() => site.close());

  const upload = (client: AdminClient, body: FormData) => client.call('POST', '/api/admin/media', body);
  const cookieHeaders = (c: AdminClient) => ({ cookie: c.cookie!, 'x-csrf-token': c.csrf! });

  it('answers 422 on file for a 100000 × 1000 PNG, naming its size and the limits, before decoding it', async () => {
    const png = await stripPng();
    expect(png.length).toBeLessThan(LIMIT);
    const before = await listFiles(site.config.mediaDir);
    const r = await upload(contributor, form(png, 'bandeau.png', {}, 'image/png'));
    expect(r.status).toBe(422);
    const body = await r.json();
    expect(body).toMatchObject({ code: 'validation_failed', field: 'file' });
    expect(body.message).toContain('bandeau.png: picture is 100000 × 1000 pixels (100 megapixels)');
    expect(body.message).toContain('12000 pixels a side and 40 megapixels');
    expect(site.app.images.gate.peak).toBe(0);
    expect(await listFiles(site.config.mediaDir)).toEqual(before);
  });

  it('refuses a picture over one side even when its pixel count is within the limit', async () => {
    const tall = await sharp({ create: { width: 200, height: 13_000, channels: 3, background: '#000' } }).png().toBuffer();
    const r = await upload(contributor, form(tall, 'colonne.png', {}, 'image/png'));
    expect(r.status).toBe(422);
    expect((await r.json()).message).toContain('200 × 13000 pixels');
  });

  it('runs no more than IMAGE_DECODES decodes at once, however many uploads arrive together', async () => {
    const pictures = await Promise.all(Array.from({ length: 6 }, (_, i) => makeImage(1200, 800, 'jpeg', `#${(0x203040 + i * 0x111111).toString(16)}`)));
    const answers = await Promise.all(pictures.map((p, i) => upload(admin, form(p, `lot-${i}.jpg`))));
    expect(answers.map((a) => a.status)).toEqual(Array(6).fill(201));
    expect(site.app.images.gate.peak).toBeGreaterThanOrEqual(1);
    expect(site.app.images.gate.peak).toBeLessThanOrEqual(2);
    expect(site.app.images.gate.active).toBe(0);
  });

  it('answers 422 on file naming a truncated JPEG, and stores nothing', async () => {
    const before = await listFiles(site.config.mediaDir);
    const r = await upload(contributor, form(await truncatedJpeg(), 'coupee.jpg'));
    expect(r.status).toBe(422);
    const body = await r.json();
    expect(body).toMatchObject({ code: 'validation_failed', field: 'file' });
    expect(body.message).toMatch(/^file: coupee\.jpg: the picture cannot be decoded, it may be truncated or damaged/);
    expect(await listFiles(site.config.mediaDir)).toEqual(before);
  });

  it('answers 413 to a body over MAX_IMAGE_BYTES while the client is still sending it', async () => {
    const boundary = 'depeche-limite';
    const head = `--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="enorme.jpg"\r\ncontent-type: image/jpeg\r\n\r\n`;
    const total = 64 * LIMIT;
    const r = await rawUpload(site.url, { ...cookieHeaders(contributor), 'content-type': `multipart/form-data; boundary=${boundary}` }, total, head);
    expect(r.status, `${r.sentWhenAnswered}: ${r.body}`).toBe(413);
    expect(r.sentWhenAnswered).toBeLessThan(total);
    expect(JSON.parse(r.body.replace(/^[0-9a-f]+\r\n/, '').replace(/\r\n0\r\n\r\n$/, ''))).toMatchObject({ code: 'payload_too_large', message: expect.stringContaining('enorme.jpg') });
  });

  it('answers 413 from Content-Length alone, before reading the body', async () => {
    const boundary = 'depeche-longueur';
    const head = `--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="annonce.jpg"\r\n\r\n`;
    const total = 64 * LIMIT;
    const r = await rawUpload(site.url, { ...cookieHeaders(contributor), 'content-type': `multipart/form-data; boundary=${boundary}`, 'content-length': String(total) }, total, head);
    expect(r.status, `${r.sentWhenAnswered}: ${r.body}`).toBe(413);
    expect(r.sentWhenAnswered).toBeLessThan(total);
    expect(JSON.parse(r.body).code).toBe('payload_too_large');
  });

  it('answers 400 bad_request to a multipart body that breaks off before its closing boundary', async () => {
    const boundary = 'coupure';
    const body = `--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="a.jpg"\r\ncontent-type: image/jpeg\r\n\r\n${'x'.repeat(1000)}`;
    const raw = await fetch(`${site.url}/api/admin/media`, { method: 'POST', headers: { ...cookieHeaders(contributor), 'content-type': `multipart/form-data; boundary=${boundary}` }, body });
    expect(raw.status).toBe(400);
    expect((await raw.json()).code).toBe('bad_request');
  });

  it('answers 400 bad_request to a multipart content type without a boundary', async () => {
    const r = await fetch(`${site.url}/api/admin/media`, { method: 'POST', headers: { ...cookieHeaders(contributor), 'content-type': 'multipart/form-data' }, body: 'anything' });
    expect(r.status).toBe(400);
    expect((await r.json()).code).toBe('bad_request');
  });

  it('keeps the alt, caption and credit typed with an upload as the picture’s own, and finds it by caption', async () => {
    const words = { alt: 'Deux ministres se serrent la main', caption: 'Sommet franco-allemand à Aix-la-Chapelle', credit: 'AFP' };
    const r = await upload(contributor, form(await makeImage(900, 600, 'jpeg', '#5a7a9a'), 'sommet.jpg', words));
    expect(r.status).toBe(201);
    const m = await r.json();
    expect(m).toMatchObject(words);
    expect(await contributor.json('GET', `/api/admin/media/${m.id}`)).toMatchObject(words);
    const found = await contributor.json('GET', `/api/admin/media?q=${encodeURIComponent('aix-la-chapelle')}`);
    expect(found.media.map((x: any) => x.id)).toEqual([m.id]);
    // A placement may still say something else: the article keeps its own words, the library its own.
    const { article } = await contributor.json('POST', '/api/admin/articles', { ...makeArticle({ status: 'draft' }), lead: { image: m.id, alt: 'Autre texte', credit: 'AFP' }, publishedAt: undefined });
    expect(article.lead).toMatchObject({ image: m.id, alt: 'Autre texte' });
    expect((await contributor.json('GET', `/api/admin/media/${m.id}`)).alt).toBe(words.alt);
  });

  it('fills only the empty fields of a picture already in the library', async () => {
    const data = await makeImage(700, 500, 'jpeg', '#9a5a3a');
    const first = await (await upload(contributor, form(data, 'port.jpg', { credit: 'Reuters' }))).json();
    const again = await upload(contributor, form(data, 'port.jpg', { credit: 'AFP', alt: 'Un port au matin' }));
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ id: first.id, credit: 'Reuters', alt: 'Un port au matin' });
  });

  it('refuses an unknown text field of the upload form, naming it', async () => {
    const r = await upload(contributor, form(await makeImage(300, 200, 'jpeg', '#123456'), 'x.jpg', { legende: 'faute de frappe' }));
    expect(r.status).toBe(422);
    expect((await r.json()).field).toBe('legende');
  });

  it('lets the uploader replace a picture while only drafts show it, and takes an editor once a published article does', async () => {
    const m = await (await upload(contributor, form(await makeImage(1000, 700, 'jpeg', '#337755'), 'place.jpg', { alt: 'La place', credit: 'AMP' }))).json();
    const draft = await contributor.json('POST', '/api/admin/articles', { ...makeArticle({ status: 'draft' }), body: [{ type: 'figure', image: m.id, alt: 'La place', credit: 'AMP' }], publishedAt: undefined });
    expect(draft.article.status).toBe('draft');
    // Only a draft shows it: the uploader keeps control.
    expect((await contributor.call('PATCH', `/api/admin/media/${m.id}`, { caption: 'Vue de la place' })).status).toBe(200);
    const second = form(await makeImage(1000, 700, 'jpeg', '#337756'), 'place-2.jpg');
    expect((await contributor.call('PUT', `/api/admin/media/${m.id}/file`, second)).status).toBe(200);

    // Published (by an editor): now the uploader is refused, in French, and the editor is not.
    await editor.json('POST', `/api/admin/articles/${draft.article.id}/transitions`, { to: 'published' });
    const replaced = await contributor.call('PUT', `/api/admin/media/${m.id}/file`, form(await makeImage(1000, 700, 'jpeg', '#337757'), 'place-3.jpg'));
    expect(replaced.status).toBe(403);
    expect(await replaced.json()).toMatchObject({ code: 'forbidden', message: 'cette image figure dans un article publié : la remplacer demande le rôle éditeur' });
    const patched = await contributor.call('PATCH', `/api/admin/media/${m.id}`, { caption: 'Autre chose' });
    expect(patched.status).toBe(403);
    expect((await patched.json()).message).toBe('cette image figure dans un article publié : modifier ses textes demande le rôle éditeur');
    expect((await contributor.json('GET', `/api/admin/media/${m.id}`)).caption).toBe('Vue de la place');
    expect((await editor.call('PUT', `/api/admin/media/${m.id}/file`, form(await makeImage(1000, 700, 'jpeg', '#337758'), 'place-4.jpg'))).status).toBe(200);
    expect((await editor.call('PATCH', `/api/admin/media/${m.id}`, { caption: 'Par l’éditrice' })).status).toBe(200);
  });

  it('counts a published article that shows the picture as its lead', async () => {
    const lead = await (await upload(contributor, form(await makeImage(800, 600, 'jpeg', '#775533'), 'une.jpg', { alt: 'À la une', credit: 'AMP' }))).json();
    const { article } = await editor.json('POST', '/api/admin/articles', { ...makeArticle({ status: 'draft' }), lead: { image: lead.id, alt: 'À la une', credit: 'AMP' }, publishedAt: undefined });
    expect((await contributor.call('PATCH', `/api/admin/media/${lead.id}`, { caption: 'encore un brouillon' })).status).toBe(200);
    await editor.json('POST', `/api/admin/articles/${article.id}/transitions`, { to: 'published' });
    expect((await contributor.call('PATCH', `/api/admin/media/${lead.id}`, { caption: 'non' })).status).toBe(403);
  });

  it('refuses a truncated JPEG in `depeche import` with one line naming the file, no stack trace, exit 1', async () => {
    const dir = await scratchDir('truncated-import-');
    await fs.writeFile(path.join(dir, 'coupee.jpg'), await truncatedJpeg());
    const a = makeArticle({ lead: { image: 'coupee.jpg', alt: 'Une photo', credit: 'AMP' } });
    await fs.writeFile(path.join(dir, 'article.json'), JSON.stringify(a));
    const r = await depeche(cliEnv(site.dataDir, site.config.database), ['import', path.join(dir, 'article.json')]);
    expect(r.code).toBe(1);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toEqual(['nothing was imported:', expect.stringMatching(/^ {2}.*article\.json: lead\.image: coupee\.jpg: the picture cannot be decoded, it may be truncated or damaged/)]);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.stdout).toBe('');
  }, 120_000);
});
