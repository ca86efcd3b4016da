import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import type { Config } from '../src/config.ts';
import { adminClient, type AdminClient } from '../test/admin-client.ts';
import { startTestSite, type DialectName, type TestSite } from '../test/harness.ts';
import { formatViolations, launchBrowser, runAxe } from './browser.ts';
import { SignInPage } from './pages/newsroom.page.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export const PASSWORD = 'correct horse battery';
export const ADMIN = { name: 'Ada Admin', email: 'ada@example.org' };
export const CONTRIBUTOR = { name: 'Corentin Contributeur', email: 'corentin@example.org' };
export const OTHER_CONTRIBUTOR = { name: 'Paule Pigiste', email: 'paule@example.org' };
export const EDITOR = { name: 'Élise Éditrice', email: 'elise@example.org' };
export const JOURNEY_MS = 120_000;

export interface Newsroom {
  readonly site: TestSite;
  /** A fresh browser context per person, so that each has their own session cookie (options: a reader with JavaScript off…). */
  newPage(options?: BrowserContextOptions): Promise<Page>;
  signedIn(email: string): Promise<Page>;
  api(email: string): Promise<AdminClient>;
  expectNoAxeViolations(page: Page, where: string): Promise<void>;
}

/**
 * Registers the hooks of a newsroom journey file: one site and one browser for
 * the file, a context per person closed after each test, nothing leaving the
 * machine, and no script error or CSP refusal allowed in any page. The site
 * runs on SQLite unless `dialect` says PostgreSQL, which gets a schema of its
 * own as every store test's does (startTestSite).
 */
export function newsroomJourneys(opts: { site?: Partial<Config>; now?: () => Date; timezoneId?: string; dialect?: DialectName } = {}): Newsroom {
  let site: TestSite | undefined;
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];
  const pageProblems: string[] = [];

  beforeAll(async () => {
    if (!fs.existsSync(path.join(ROOT, 'dist', 'admin', 'index.html'))) {
      throw new Error('dist/admin is missing: run npm run build:admin (npm install runs it)');
    }
    browser = await launchBrowser();
    site = await startTestSite(opts.dialect ?? 'sqlite', opts.site, opts.now);
  });
  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((c) => c.close()));
    expect(pageProblems.splice(0), 'script errors or CSP refusals in the pages').toEqual([]);
  });
  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });

  const nr: Newsroom = {
    get site() {
      if (!site) throw new Error('the site starts in beforeAll');
      return site;
    },
    async newPage(options = {}) {
      const context = await browser!.newContext({ locale: 'fr-FR', timezoneId: opts.timezoneId ?? 'Europe/Paris', ...options });
      contexts.push(context);
      await context.route(
        (url) => url.hostname !== '127.0.0.1',
        (route) => route.abort('blockedbyclient'),
      );
      const page = await context.newPage();
      page.on('pageerror', (err) => pageProblems.push(`${page.url()}: ${err.message}`));
      page.on('console', (m) => {
        if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) pageProblems.push(`${page.url()}: ${m.text()}`);
      });
      return page;
    },
    async signedIn(email) {
      const page = await nr.newPage();
      const signIn = new SignInPage(page);
      await signIn.goto(nr.site.url);
      await signIn.logIn(email, PASSWORD);
      return page;
    },
    api: (email) => adminClient(nr.site.url).login(email, PASSWORD),
    async expectNoAxeViolations(page, where) {
      const violations = await runAxe(page);
      expect(violations, formatViolations(where, violations)).toEqual([]);
    },
  };
  return nr;
}
