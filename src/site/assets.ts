import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { AssetUrls } from '../render/context.ts';
import { minifyCss } from './minify-css.ts';

export interface Asset {
  body: Buffer;
  type: string;
  etag: string;
}

const require = createRequire(import.meta.url);

/**
 * The site's own CSS, JS and logo, read once and served under content-hashed
 * names so browsers keep them a year; the stylesheets minified. A page kind
 * with rules of its own (search, the TV pages) links its own small
 * stylesheet, so the others do not carry them.
 */
export function loadAssets(dir: string): { urls: AssetUrls; files: Map<string, Asset> } {
  const files = new Map<string, Asset>();
  const urls: Record<string, string | undefined> = {};
  for (const [name, type, file] of [
    ['site.css', 'text/css; charset=utf-8'],
    ['site.js', 'text/javascript; charset=utf-8'],
    ['alerts.js', 'text/javascript; charset=utf-8'],
    ['logo.png', 'image/png'],
    ['live.css', 'text/css; charset=utf-8'],
    ['live.js', 'text/javascript; charset=utf-8'],
    ['video.css', 'text/css; charset=utf-8'],
    ['search.css', 'text/css; charset=utf-8'],
    ['tv.css', 'text/css; charset=utf-8'],
    ['video.js', 'text/javascript; charset=utf-8'],
    // The pinned hls.js (package.json), served as our own file: readers' browsers fetch no third-party script.
    ['hls.js', 'text/javascript; charset=utf-8', require.resolve('hls.js/dist/hls.light.min.js')],
  ] as const) {
    const source = fs.readFileSync(file ?? path.join(dir, name));
    const body = name.endsWith('.css') ? minifyCss(name, source) : source;
    const hash = createHash('sha256').update(body).digest('hex').slice(0, 12);
    const [base, ext] = name.split('.');
    const hashed = `${base}.${hash}.${ext}`;
    files.set(hashed, { body, type, etag: `"${hash}"` });
    urls[name] = `/assets/${hashed}`;
  }
  // A PNG's IHDR holds its size at bytes 16–23: structured data states the logo's width and height.
  const logo = files.get(urls['logo.png']!.slice('/assets/'.length))!.body;
  return {
    urls: {
      css: urls['site.css']!,
      js: urls['site.js']!,
      alerts: urls['alerts.js']!,
      logo: { url: urls['logo.png']!, width: logo.readUInt32BE(16), height: logo.readUInt32BE(20) },
      live: { css: urls['live.css']!, js: urls['live.js']! },
      video: { css: urls['video.css']!, js: urls['video.js']!, hls: urls['hls.js']! },
      pages: { search: urls['search.css']!, tv: urls['tv.css']! },
    },
    files,
  };
}
