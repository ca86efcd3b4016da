import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM_PATH = '/usr/bin/chromium';

/**
 * Launches the system Chromium, headless. A missing browser is an error, never
 * a skip: the journeys must fail loudly on a machine that cannot run them.
 */
export async function launchBrowser(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium not found at ${CHROMIUM_PATH}: run apt-get install -y chromium`);
  }
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

const require = createRequire(import.meta.url);
let axeSource: string | undefined;
function axeScript(): string {
  // require.resolve('axe-core') gives axe.js; the minified build sits next to it.
  axeSource ??= fs.readFileSync(path.join(path.dirname(require.resolve('axe-core')), 'axe.min.js'), 'utf8');
  return axeSource;
}

export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  helpUrl: string;
  nodes: Array<{ target: unknown[]; html: string; failureSummary?: string }>;
}

/**
 * Runs axe-core in the page against the WCAG 2.x A/AA rules and returns the
 * violations. The pages send `script-src 'self'`, so an inline script tag would
 * be refused: the source is evaluated through the DevTools protocol instead,
 * which the page's CSP does not govern.
 */
export async function runAxe(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(axeScript());
  return page.evaluate(async (tags) => {
    const axe = (window as any).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: tags } });
    return result.violations.map((v: any) => ({
      id: v.id,
      impact: v.impact ?? null,
      help: v.help,
      helpUrl: v.helpUrl,
      nodes: v.nodes.map((n: any) => ({ target: n.target, html: n.html, failureSummary: n.failureSummary })),
    }));
  }, AXE_TAGS);
}

/** A readable report of violations, for assertion messages. */
export function formatViolations(where: string, violations: AxeViolation[]): string {
  if (violations.length === 0) return `${where}: no violations`;
  return [
    `${where}: ${violations.length} axe violation(s)`,
    ...violations.map(
      (v) =>
        `- ${v.id} [${v.impact}] ${v.help} (${v.helpUrl})\n` +
        v.nodes.map((n) => `    ${JSON.stringify(n.target)} ${n.html}\n      ${(n.failureSummary ?? '').replace(/\n/g, '\n      ')}`).join('\n'),
    ),
  ].join('\n');
}

/**
 * What browsers without native HLS answer (Firefox, older Chromium): the page's
 * script must then take hls.js. Debian's Chromium 156 has its own HLS player and
 * no switch to turn it off, so the player tests add this script to the page.
 */
export const WITHOUT_NATIVE_HLS = () => {
  const own = HTMLMediaElement.prototype.canPlayType;
  HTMLMediaElement.prototype.canPlayType = function (type: string) {
    return /mpegurl/i.test(type) ? '' : own.call(this, type);
  };
};

/**
 * Media events do not bubble: a capturing listener on the document hears the
 * first `playing` of any video. And anything the page's Content-Security-Policy
 * refused (hls.js needs media-src blob: and worker-src blob:).
 */
export const RECORD_PLAYING = () => {
  document.addEventListener('playing', () => ((window as any).__playing = true), true);
  (window as any).__refused = [];
  document.addEventListener('securitypolicyviolation', (e) => (window as any).__refused.push(`${e.violatedDirective} ${e.blockedURI}`));
};
