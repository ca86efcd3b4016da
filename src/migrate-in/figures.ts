import type { BlockInputT } from '../content/blocks.ts';
import type { FieldIssue } from '../errors.ts';
import { htmlToBlocks, type FigureSeen } from '../ninjs/html.ts';

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

/**
 * HTML → blocks, with `<figure>` elements (and WordPress `[caption]`
 * shortcodes, turned into figures first) becoming figure blocks when their
 * picture is on disk. One pass of the hostile-safe htmlToBlocks, linear at
 * any nesting; nothing from the input reaches the output as markup.
 */
export function htmlWithFigures(html: string, at: string, notes: FieldIssue[], resolve: ImageResolver): BlockInputT[] {
  return htmlToBlocks(html, at, notes, { figure: (f) => figureBlock(f, at, notes, resolve) });
}

/**
 * A missing picture's caption and credit, kept as a paragraph so the newsroom's
 * words survive; the note says so. (Our figures need a picture we hold: the
 * reader pages' CSP allows no other host, so no external picture is made.)
 */
export function keepCaption(caption: string | undefined, credit: string | undefined, src: string, at: string, why: string, notes: FieldIssue[]): BlockInputT | null {
  const parts = [caption?.trim(), credit?.trim()].filter((x): x is string => !!x);
  const what = [caption?.trim() ? 'caption' : '', credit?.trim() ? 'credit' : ''].filter(Boolean).join(' and ');
  const text = parts.join(' — ').slice(0, 20_000);
  notes.push({ field: at, message: `picture ${src} not imported (${why})${text ? `; its ${what} kept as a paragraph of text ("${text.slice(0, 80)}")` : ''}` });
  return text ? { type: 'paragraph', text } : null;
}

function figureBlock(f: FigureSeen, at: string, notes: FieldIssue[], resolve: ImageResolver): BlockInputT | null {
  const { src, alt, caption } = f;
  if (!src) {
    notes.push({ field: at, message: `<figure> without a picture kept as text${f.text ? '' : ' (empty; dropped)'}` });
    return f.text ? { type: 'paragraph', text: f.text } : null;
  }
  if (f.images > 1) notes.push({ field: at, message: `<figure> with ${f.images} pictures: only the first (${src}) is considered` });
  const local = resolve(src);
  const cap = caption || local.caption;
  if (!local.file) return keepCaption(cap, local.credit, src, at, `no file at ${local.lookedAt ?? 'a local path'}`, notes);
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
