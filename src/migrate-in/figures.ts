import { Parser } from 'htmlparser2';
import type { BlockInputT } from '../content/blocks.ts';
import type { FieldIssue } from '../errors.ts';
import { htmlToBlocks, htmlToText } from '../ninjs/html.ts';

/** What an image URL resolves to: a file next to the export, with what the export knows about it. */
export interface LocalImage {
  /** Path relative to the export file, when the file is there. */
  file?: string;
  /** Where we looked, for the report. */
  lookedAt?: string;
  alt?: string;
  caption?: string;
  credit?: string;
}

export type ImageResolver = (url: string) => LocalImage;

const FIGURE = /<figure\b[^>]*>[\s\S]*?<\/figure>/gi;

/**
 * HTML → blocks, with `<figure>` elements (and WordPress `[caption]`
 * shortcodes, turned into figures first) becoming figure blocks when their
 * picture is on disk. Everything else goes through the hostile-safe
 * htmlToBlocks; nothing from the input reaches the output as markup.
 */
export function htmlWithFigures(html: string, at: string, notes: FieldIssue[], resolve: ImageResolver): BlockInputT[] {
  const blocks: BlockInputT[] = [];
  let last = 0;
  for (const m of html.matchAll(FIGURE)) {
    blocks.push(...htmlToBlocks(html.slice(last, m.index), at, notes));
    const fig = figureBlock(m[0], at, notes, resolve);
    if (fig) blocks.push(fig);
    last = m.index + m[0].length;
  }
  blocks.push(...htmlToBlocks(html.slice(last), at, notes));
  return blocks;
}

function figureBlock(html: string, at: string, notes: FieldIssue[], resolve: ImageResolver): BlockInputT | null {
  let src: string | undefined;
  let alt = '';
  let images = 0;
  let caption = '';
  let inCaption = 0;
  const p = new Parser(
    {
      onopentag(name, attrs) {
        if (name === 'img') {
          images++;
          if (src === undefined) {
            src = attrs.src?.trim();
            alt = (attrs.alt ?? '').trim();
          }
        } else if (name === 'figcaption') inCaption++;
        else if (inCaption) caption += ' ';
      },
      onclosetag(name) {
        if (name === 'figcaption') inCaption--;
      },
      ontext(t) {
        if (inCaption) caption += t;
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  p.write(html.replace(/<figcaption\b[^>]*>([\s\S]*?)<\/figcaption>/gi, (_m, inner: string) => `<figcaption>${escapeText(htmlToText(inner))}</figcaption>`));
  p.end();
  caption = caption.replace(/\s+/g, ' ').trim();
  if (!src) {
    const text = htmlToText(html);
    notes.push({ field: at, message: `<figure> without a picture kept as text${text ? '' : ' (empty; dropped)'}` });
    return text ? { type: 'paragraph', text } : null;
  }
  if (images > 1) notes.push({ field: at, message: `<figure> with ${images} pictures: only the first (${src}) is considered` });
  const local = resolve(src);
  if (!local.file) {
    notes.push({ field: at, message: `picture ${src} not imported (no file at ${local.lookedAt ?? 'a local path'})${caption ? `; its caption "${caption.slice(0, 80)}" is dropped` : ''}` });
    return null;
  }
  const cap = caption || local.caption;
  const altText = alt || local.alt || cap || '';
  if (!alt && !local.alt) notes.push({ field: at, message: altText ? `picture ${src} has no alt text; its caption is used` : `picture ${src} has no alt text and no caption; imported as decorative` });
  return {
    type: 'figure',
    image: local.file,
    alt: altText.slice(0, 1000),
    ...(altText ? {} : { decorative: true }),
    ...(cap ? { caption: cap.slice(0, 2000) } : {}),
    ...(local.credit ? { credit: local.credit.slice(0, 300) } : {}),
  } as BlockInputT;
}

function escapeText(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** `/wp-content/uploads/2024/05/a.jpg` or `/content/images/2024/05/a.jpg` → `uploads/2024/05/a.jpg` / `content/images/…`; a `..` segment resolves to nothing. */
export function localPathFrom(url: string, marker: RegExp, prefix: string): string | undefined {
  let pathname: string;
  try {
    pathname = new URL(url, 'http://placeholder.invalid').pathname;
  } catch {
    return undefined;
  }
  const m = marker.exec(pathname);
  if (!m) return undefined;
  const rest = decodeURIComponent(pathname.slice(m.index + m[0].length));
  if (!rest || rest.split('/').some((s) => s === '..' || s === '.' || s === '')) return undefined;
  return `${prefix}${rest}`;
}
