import fs from 'node:fs/promises';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { importArticles } from '../src/content/import.service.ts';
import { broadcasterArticle, writeImportFolder } from '../test/fixtures.ts';
import { startTestSite, type TestSite } from '../test/harness.ts';
import { launchBrowser, runAxe, formatViolations } from './browser.ts';
import path from 'node:path';
import { createRequire } from 'node:module';
let site: TestSite; let browser: any; let p = '';
beforeAll(async () => {
  browser = await launchBrowser(); site = await startTestSite('sqlite');
  const { dir, file } = await writeImportFolder([broadcasterArticle()]);
  const r = await importArticles({ db: site.app.store.db, media: site.app.media, config: site.config, now: () => new Date() }, [{ name: 'a.json', baseDir: dir, text: await fs.readFile(file, 'utf8') }]);
  await site.app.site.refresh(); p = r[0].path;
});
afterAll(async () => { await browser.close(); await site.close(); });
it('axe detects injected problems and lists incomplete', async () => {
  const ctx = await browser.newContext(); const page = await ctx.newPage();
  for (const u of ['/fr/', p, '/fr/tv/', '/fr/sujet/diplomatie', '/fr/nope/nope']) {
    await page.goto(site.url + u);
    await page.evaluate(fs => 0, 0);
    const src = await fs.readFile(path.join(path.dirname(createRequire(import.meta.url).resolve('axe-core')), 'axe.min.js'), 'utf8');
    await page.evaluate(src);
    const res = await page.evaluate(async () => { const r = await (window as any).axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a','wcag2aa','wcag21a','wcag21aa','wcag22aa'] } }); return { inc: r.incomplete.map((v: any) => ({ id: v.id, nodes: v.nodes.map((n: any) => [n.target, n.failureSummary]) })), passes: r.passes.map((v: any) => v.id) }; });
    console.log(u, JSON.stringify(res.inc, null, 1), res.passes.join(','));
  }
  await page.goto(site.url + p);
  await page.evaluate(() => { document.querySelector('img')!.removeAttribute('alt'); document.querySelector('.share a')!.setAttribute('style', 'color:#eee'); });
  const v = await runAxe(page);
  console.log(formatViolations('mutated', v));
  expect(v.map((x) => x.id).sort()).toEqual(['color-contrast', 'image-alt']);
});
