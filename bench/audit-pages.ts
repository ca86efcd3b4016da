/**
 * `npm run audit:pages`: the reader's quality bars, measured on the demo site
 * at a fixed clock and written to docs/audit.md with the machine and the date.
 *
 * For the home, a section, an article, a search page and an Arabic article
 * (when the store has an Arabic edition): Lighthouse (mobile: performance,
 * accessibility, best practices, SEO) in the system Chromium, axe-core,
 * html-validate, the HTML and CSS weights and the layout shift.
 *
 * Nothing leaves the machine: the pages are served on 127.0.0.1 and
 * Lighthouse runs offline.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { HtmlValidate } from 'html-validate';
import lighthouse from 'lighthouse';
import { CHROMIUM_PATH, launchBrowser, runAxe } from '../e2e/browser.ts';
import { designPages, startDesignSite, type PageKind } from '../e2e/design-screens.ts';

const ROOT = path.join(import.meta.dirname, '..');
const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const;

interface Row {
  name: string;
  path: string;
  scores: Record<string, number | null>;
  axe: number;
  htmlErrors: number;
  htmlBytes: number;
  cssBytes: number;
  cls: number;
  failing: string[];
}

/** A Chromium Lighthouse can drive over the DevTools protocol, on a free port. */
async function debuggableChromium(): Promise<{ port: number; close(): Promise<void> }> {
  const profile = await fs.mkdtemp(path.join(os.tmpdir(), 'audit-chromium-'));
  const child = spawn(CHROMIUM_PATH, ['--headless=new', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--remote-debugging-port=0', `--user-data-dir=${profile}`, 'about:blank'], { stdio: ['ignore', 'ignore', 'pipe'] });
  const port = await new Promise<number>((resolve, reject) => {
    let seen = '';
    child.stderr!.on('data', (d: Buffer) => {
      seen += d.toString();
      const m = /DevTools listening on ws:\/\/[^:]+:(\d+)\//.exec(seen);
      if (m) resolve(Number(m[1]));
    });
    child.once('exit', (code) => reject(new Error(`chromium exited (${code}): ${seen.slice(-500)}`)));
  });
  return {
    port,
    async close() {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill();
      await exited;
      await fs.rm(profile, { recursive: true, force: true, maxRetries: 5 });
    },
  };
}

async function main(): Promise<void> {
  const site = await startDesignSite();
  const browser = await launchBrowser();
  const chromium = await debuggableChromium();
  const validator = new HtmlValidate({ extends: ['html-validate:recommended'], rules: { 'void-style': 'off', 'long-title': 'off' } });
  const rows: Row[] = [];
  try {
    const all = await designPages(site);
    const wanted: PageKind[] = ['home', 'section', 'article', 'search'].map((n) => all.find((p) => p.name === n)!);
    const arabic = await site.app.store.db
      .selectFrom('articles as a')
      .innerJoin('sections as s', 's.id', 'a.section_id')
      .select(['a.slug', 's.slug as section', 'a.edition'])
      .where('a.edition', 'like', 'ar%')
      .where('a.status', '=', 'published')
      .orderBy('a.published_at', 'desc')
      .executeTakeFirst();
    if (arabic) wanted.push({ name: 'arabic-article', path: `/${arabic.edition}/${arabic.section}/${encodeURIComponent(arabic.slug)}` });
    for (const p of wanted) {
      const url = site.url + p.path;
      const html = await (await fetch(url)).text();
      const report = await validator.validateString(html);
      const htmlErrors = report.results.reduce((n, r) => n + r.errorCount, 0);
      // Every stylesheet the page links (the theme's, site.css, a page kind's own, the brand's), together.
      let cssBytes = 0;
      for (const m of html.matchAll(/<link rel="stylesheet" href="([^"]+)"/g)) cssBytes += (await (await fetch(site.url + m[1]!.replaceAll('&amp;', '&'))).arrayBuffer()).byteLength;

      const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'fr-FR' });
      await context.route((u) => u.hostname !== '127.0.0.1', (r) => r.abort('blockedbyclient'));
      const page = await context.newPage();
      await page.addInitScript(() => {
        (window as any).__cls = 0;
        new PerformanceObserver((l) => {
          for (const e of l.getEntries() as any[]) if (!e.hadRecentInput) (window as any).__cls += e.value;
        }).observe({ type: 'layout-shift', buffered: true });
      });
      await page.goto(url, { waitUntil: 'load' });
      const axe = (await runAxe(page)).length;
      const cls = await page.evaluate(() => (window as any).__cls as number);
      await context.close();

      const result = await lighthouse(url, { port: chromium.port, output: 'json', logLevel: 'error', onlyCategories: [...CATEGORIES], formFactor: 'mobile', throttlingMethod: 'simulate' });
      const lhr = result!.lhr;
      const scores = Object.fromEntries(CATEGORIES.map((c) => [c, lhr.categories[c]?.score == null ? null : Math.round(lhr.categories[c]!.score! * 100)]));
      const failing = Object.values(lhr.audits)
        .filter((a) => a.score !== null && a.score < 0.9 && a.scoreDisplayMode !== 'informative' && a.scoreDisplayMode !== 'notApplicable' && a.scoreDisplayMode !== 'manual')
        .map((a) => `${a.id} (${Math.round((a.score ?? 0) * 100)})`);
      rows.push({ name: p.name, path: p.path, scores, axe, htmlErrors, htmlBytes: Buffer.byteLength(html), cssBytes, cls, failing });
      console.log(p.name, JSON.stringify(scores), { axe, htmlErrors, cls }, failing.join(', '));
    }
  } finally {
    await chromium.close();
    await browser.close();
    await site.close();
  }
  await fs.writeFile(path.join(ROOT, 'docs', 'audit.md'), report(rows, !rows.some((r) => r.name === 'arabic-article')));
  console.log('docs/audit.md written');
}

function report(rows: Row[], noArabic: boolean): string {
  const cpu = os.cpus();
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
  const lines = [
    '# Reader pages audit',
    '',
    'Written by `npm run audit:pages` (bench/audit-pages.ts): the demo content at a fixed clock, served on this machine;',
    'Lighthouse (mobile, simulated throttling) in the system Chromium, axe-core (WCAG 2.x A/AA), html-validate',
    '(recommended rules), the page\'s HTML and all its stylesheets together before compression, and the layout shift measured at 390 px.',
    'Bars (docs/design.md): 100 in every Lighthouse category, 0 axe violations, 0 html-validate errors,',
    'article HTML under 30 KB, CSS under 20 KB, CLS 0.',
    '',
    `- Date: ${new Date().toISOString()}`,
    `- Machine: ${os.type()} ${os.release()} ${os.arch()}, ${cpu.length} × ${cpu[0]?.model ?? 'unknown CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB`,
    `- Node ${process.version}, Chromium at ${CHROMIUM_PATH}`,
    '',
    '| Page | Performance | Accessibility | Best practices | SEO | axe | html-validate | HTML | CSS | CLS |',
    '|---|---|---|---|---|---|---|---|---|---|',
    ...rows.map((r) => `| ${r.name} (\`${r.path}\`) | ${CATEGORIES.map((c) => r.scores[c] ?? '–').join(' | ')} | ${r.axe} | ${r.htmlErrors} | ${kb(r.htmlBytes)} | ${kb(r.cssBytes)} | ${r.cls.toFixed(3)} |`),
    '',
  ];
  if (noArabic) lines.push('No Arabic edition in the demo store when this ran: the Arabic article row is missing.', '');
  const search = rows.find((r) => r.name === 'search');
  if (search)
    lines.push(
      `The search page is deliberately \`noindex\` (\`<meta name="robots" content="noindex">\`): search results should not be indexed.`,
      `Lighthouse's SEO category counts that against it (the is-crawlable audit): its SEO score as measured is ${search.scores.seo ?? '–'}, by design.`,
      '',
    );
  const failing = rows.filter((r) => r.failing.length);
  if (failing.length) {
    lines.push('## Lighthouse audits under 90', '');
    for (const r of failing) lines.push(`- ${r.name}: ${r.failing.join(', ')}`);
    lines.push('');
  }
  return lines.join('\n');
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
