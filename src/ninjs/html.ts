import type { FieldIssue } from '../errors.ts';
import type { BlockInputT, InlineRun } from '../content/blocks.ts';
import { HtmlWalk, MAX_HTML_DEPTH, type WalkHandler, type WalkOptions } from './html-walk.ts';

/**
 * HTML from wire copy → our blocks, and our blocks → minimal escaped HTML.
 * Only paragraphs, headings, lists, blockquotes and bold/italic/links
 * (http, https, mailto) survive the way in; everything else is kept as text
 * or dropped and reported, never passed through.
 */

const DROP_WITH_CONTENT = new Set(['script', 'style', 'template', 'iframe', 'object', 'embed', 'noscript', 'svg', 'math', 'head', 'title', 'select', 'textarea', 'button']);
const MEDIA = new Set(['img', 'picture', 'video', 'audio', 'source']);
const BREAKS = new Set(['p', 'div', 'li', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'td', 'th']);
const SAFE_LINK = /^(https?:\/\/[^\s]+|mailto:[^\s]+)$/i;

export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

const squash = (s: string) => s.replace(/\s+/g, ' ');

function textSink(): { handler: WalkHandler; result(): string } {
  let out = '';
  let skip = 0;
  return {
    handler: {
      open(name) {
        if (skip || DROP_WITH_CONTENT.has(name)) skip++;
        else if (name === 'br') out += ' ';
      },
      text(t) {
        if (!skip) out += t;
      },
      close(name) {
        if (skip) skip--;
        else if (/^(p|div|h[1-6]|li)$/.test(name)) out += ' ';
      },
    },
    result: () => squash(out).trim(),
  };
}

const walkOptions: WalkOptions = { maxDepth: MAX_HTML_DEPTH, followAtAnyDepth: DROP_WITH_CONTENT };

/** Text content of an HTML fragment; script and style contents are dropped. Linear in the input at any nesting. */
export function htmlToText(html: string): string {
  const sink = textSink();
  new HtmlWalk(html, sink.handler, walkOptions).run();
  return sink.result();
}

/** htmlToText for input that may be large: yields to the event loop between slices. */
export async function htmlToTextAsync(html: string): Promise<string> {
  const sink = textSink();
  await new HtmlWalk(html, sink.handler, walkOptions).runYielding();
  return sink.result();
}

/** True when a plain-text field carries markup, which we then strip and report. */
export function looksLikeHtml(s: string): boolean {
  // `[^<>]*` keeps the scan from each `<` to the next one, so text full of `<` costs linear time.
  return /<\/?[a-z!][^<>]*>/i.test(s);
}

/** A `<figure>` as read from the body; the caller decides what block it becomes. */
export interface FigureSeen {
  src?: string;
  alt: string;
  images: number;
  caption: string;
  /** All its text, caption included, for a figure without a picture. */
  text: string;
}

export interface BlockOptions {
  /** When given, `<figure>` elements become what this returns (migrations); else their text is kept as a paragraph. */
  figure?: (f: FigureSeen) => BlockInputT | null;
}

/** Converts an HTML body to blocks; `issues` gets one line per thing not kept. Linear in the input at any nesting. */
export function htmlToBlocks(html: string, at: string, issues: FieldIssue[], opts: BlockOptions = {}): BlockInputT[] {
  const sink = blockSink(at, issues, opts);
  const walk = new HtmlWalk(html, sink.handler, walkOptions);
  walk.run();
  return sink.finish(walk.flattened);
}

/** htmlToBlocks for input that may be large (wire copy arriving over HTTP): yields to the event loop between slices. */
export async function htmlToBlocksAsync(html: string, at: string, issues: FieldIssue[], opts: BlockOptions = {}): Promise<BlockInputT[]> {
  const sink = blockSink(at, issues, opts);
  const walk = new HtmlWalk(html, sink.handler, walkOptions);
  await walk.runYielding();
  return sink.finish(walk.flattened);
}

function blockSink(at: string, issues: FieldIssue[], opts: BlockOptions): { handler: WalkHandler; finish(flattened: number): BlockInputT[] } {
  const blocks: BlockInputT[] = [];
  let runs: InlineRun[] | null = null;
  let heading: string | null = null;
  let list: { ordered: boolean; items: string[] } | null = null;
  let item: string | null = null;
  let quote: { text: string; attribution: string | null } | null = null;
  let fig: (FigureSeen & { depth: number; inCaption: number }) | null = null;
  let inAttribution = 0;
  let skip = 0;
  let bold = 0;
  let italic = 0;
  // The link in force for each open <a>: looked up at the top, never searched.
  const hrefs: Array<string | undefined> = [];
  const dropped = new Map<string, number>();

  const flushParagraph = () => {
    if (!runs) return;
    const merged: InlineRun[] = [];
    for (const r of runs) {
      const last = merged[merged.length - 1];
      if (last && last.bold === r.bold && last.italic === r.italic && last.href === r.href) last.text += last.text.endsWith(' ') && r.text.startsWith(' ') ? r.text.slice(1) : r.text;
      else merged.push({ ...r });
    }
    runs = null;
    if (merged.length) {
      merged[0].text = merged[0].text.replace(/^\s+/, '');
      merged[merged.length - 1].text = merged[merged.length - 1].text.replace(/\s+$/, '');
    }
    const kept = merged.filter((r) => r.text.length > 0);
    if (!kept.length) return;
    const plain = kept.every((r) => !r.bold && !r.italic && !r.href);
    blocks.push(plain ? { type: 'paragraph', text: kept.map((r) => r.text).join('') } : { type: 'paragraph', content: kept.map(clean) });
  };
  const clean = (r: InlineRun): InlineRun => ({ text: r.text, ...(r.bold ? { bold: true } : {}), ...(r.italic ? { italic: true } : {}), ...(r.href ? { href: r.href } : {}) });
  const flushHeading = () => {
    if (heading === null) return;
    const t = squash(heading).trim();
    heading = null;
    if (t) blocks.push({ type: 'heading', text: t });
  };
  const flushItem = () => {
    if (item === null || !list) return;
    const t = squash(item).trim();
    item = null;
    if (t) list.items.push(t);
  };
  const flushList = () => {
    flushItem();
    if (list?.items.length) blocks.push({ type: 'list', ...(list.ordered ? { ordered: true } : {}), items: list.items });
    list = null;
  };
  const flushQuote = () => {
    if (!quote) return;
    const text = squash(quote.text).trim();
    const attribution = quote.attribution ? squash(quote.attribution).trim().replace(/^[—–-]\s*/, '') : '';
    quote = null;
    if (!text) return;
    if (text.length > 1000) blocks.push({ type: 'paragraph', text });
    else blocks.push({ type: 'pullquote', text, ...(attribution ? { attribution } : {}) });
  };
  const flushAll = () => {
    flushParagraph();
    flushHeading();
    flushList();
    flushQuote();
  };
  const note = (what: string) => dropped.set(what, (dropped.get(what) ?? 0) + 1);

  function addText(t: string) {
    if (fig) {
      fig.text += t;
      if (fig.inCaption) fig.caption += t;
    } else if (quote) {
      if (inAttribution) quote.attribution = (quote.attribution ?? '') + t;
      else quote.text += t;
    } else if (list) {
      if (item !== null) item += t;
      else if (t.trim()) {
        item = t; // text straight inside <ul>
        flushItem();
      }
    } else if (heading !== null) heading += t;
    else {
      if (!runs) {
        if (!t.trim()) return;
        runs = [];
      }
      const href = hrefs.length ? hrefs[hrefs.length - 1] : undefined;
      runs.push({ text: squash(t), bold: bold > 0 || undefined, italic: italic > 0 || undefined, href });
    }
  }

  const handler: WalkHandler = {
    open(name, attrs) {
      if (skip || DROP_WITH_CONTENT.has(name)) {
        if (!skip) note(`<${name}> element removed with its content`);
        skip++;
        return;
      }
      if (fig) {
        if (name === 'figure') fig.depth++;
        else if (name === 'img') {
          fig.images++;
          if (fig.src === undefined) {
            fig.src = attrs.src?.trim() || undefined;
            fig.alt = (attrs.alt ?? '').trim();
          }
        } else if (name === 'figcaption') fig.inCaption++;
        else if (name === 'br' || BREAKS.has(name)) addText(' ');
        return;
      }
      if (quote) {
        if (name === 'footer' || name === 'cite') inAttribution++;
        return; // a quote keeps its text only
      }
      if (list && name !== 'li' && name !== 'ul' && name !== 'ol') return; // inline marks inside list items are flattened
      switch (name) {
        case 'figure':
          if (!opts.figure) return;
          flushAll();
          fig = { alt: '', images: 0, caption: '', text: '', depth: 1, inCaption: 0 };
          return;
        case 'p':
        case 'div':
        case 'section':
        case 'article':
          flushAll();
          runs = [];
          return;
        case 'h1':
        case 'h2':
        case 'h3':
        case 'h4':
        case 'h5':
        case 'h6':
          flushAll();
          heading = '';
          return;
        case 'ul':
        case 'ol':
          if (list) {
            note('nested list flattened');
            return;
          }
          flushAll();
          list = { ordered: name === 'ol', items: [] };
          return;
        case 'li':
          flushItem();
          item = '';
          return;
        case 'blockquote':
          flushAll();
          quote = { text: '', attribution: null };
          return;
        case 'b':
        case 'strong':
          bold++;
          return;
        case 'i':
        case 'em':
          italic++;
          return;
        case 'a': {
          const href = attrs.href?.trim();
          const safe = href && SAFE_LINK.test(href) ? href : undefined;
          if (href && !safe) note(`link to "${href.slice(0, 80)}" removed (only http, https and mailto links are kept; its text is kept)`);
          hrefs.push(safe ?? (hrefs.length ? hrefs[hrefs.length - 1] : undefined));
          return;
        }
        case 'br':
          addText(' ');
          return;
        default:
          if (MEDIA.has(name)) note(`<${name}>${attrs.src ? ` ${attrs.src}` : ''} not imported (media inside the body is not fetched)`);
          else if (name === 'table') note('<table> kept as plain text');
      }
    },
    text(t) {
      if (!skip) addText(t);
    },
    close(name) {
      if (skip) {
        skip--;
        return;
      }
      if (fig) {
        if (name === 'figcaption') {
          fig.inCaption = Math.max(0, fig.inCaption - 1);
          addText(' ');
        } else if (BREAKS.has(name)) addText(' ');
        else if (name === 'figure' && --fig.depth === 0) {
          const seen = fig;
          fig = null;
          const b = opts.figure!({ src: seen.src, alt: seen.alt, images: seen.images, caption: squash(seen.caption).trim(), text: squash(seen.text).trim() });
          if (b) blocks.push(b);
        }
        return;
      }
      if (quote) {
        if (name === 'footer' || name === 'cite') inAttribution--;
        else if (name === 'blockquote') flushQuote();
        else if (name === 'p' && !inAttribution) quote.text += ' ';
        return;
      }
      switch (name) {
        case 'p':
        case 'div':
        case 'section':
        case 'article':
          flushParagraph();
          return;
        case 'h1':
        case 'h2':
        case 'h3':
        case 'h4':
        case 'h5':
        case 'h6':
          flushHeading();
          return;
        case 'li':
          flushItem();
          return;
        case 'ul':
        case 'ol':
          flushList();
          return;
        case 'b':
        case 'strong':
          if (!list) bold = Math.max(0, bold - 1);
          return;
        case 'i':
        case 'em':
          if (!list) italic = Math.max(0, italic - 1);
          return;
        case 'a':
          if (!list) hrefs.pop();
          return;
        case 'td':
        case 'th':
          addText(' ');
      }
    },
  };

  return {
    handler,
    finish(flattened) {
      if (fig) handler.close('figure'); // an unclosed figure at the end of the input
      flushAll();
      for (const [what, n] of dropped) issues.push({ field: at, message: n > 1 ? `${what} (${n} times)` : what });
      if (flattened) issues.push({ field: at, message: `markup nested more than ${MAX_HTML_DEPTH} levels deep flattened to text (${flattened} tag${flattened > 1 ? 's' : ''} not followed; their text is kept)` });
      return blocks;
    },
  };
}

/** How a block's links and images become absolute in the export. */
export interface HtmlContext {
  absolute: (pathOrUrl: string) => string;
  imageUrl: (imageId: number) => string | undefined;
  /** A library video's title and the address readers without a player follow (its MP4); absent: the video is left out. */
  video?: (videoId: number) => { title: string; url: string | null } | undefined;
}

function runsToHtml(runs: InlineRun[], ctx: HtmlContext): string {
  return runs
    .map((r) => {
      let h = escapeHtml(r.text);
      if (r.italic) h = `<em>${h}</em>`;
      if (r.bold) h = `<strong>${h}</strong>`;
      if (r.href) h = `<a href="${escapeHtml(ctx.absolute(r.href))}">${h}</a>`;
      return h;
    })
    .join('');
}

type ExportBlock = BlockInputT | { type: 'figure'; image: string | number; alt: string; caption?: string; credit?: string };

/** Our blocks as minimal HTML; every piece of text is escaped. */
export function blocksToHtml(blocks: ExportBlock[], ctx: HtmlContext): string {
  const out: string[] = [];
  for (const b of blocks) {
    switch (b.type) {
      case 'paragraph':
        out.push(`<p>${b.content ? runsToHtml(b.content, ctx) : escapeHtml(b.text ?? '')}</p>`);
        break;
      case 'heading':
        out.push(`<h2>${escapeHtml(b.text)}</h2>`);
        break;
      case 'quote':
        out.push(`<blockquote><p>${escapeHtml(b.text)}</p><footer>${escapeHtml(b.speaker.name)}${b.speaker.role ? `, ${escapeHtml(b.speaker.role)}` : ''}</footer></blockquote>`);
        break;
      case 'pullquote':
        out.push(`<blockquote><p>${escapeHtml(b.text)}</p>${b.attribution ? `<footer>${escapeHtml(b.attribution)}</footer>` : ''}</blockquote>`);
        break;
      case 'list': {
        const tag = b.ordered ? 'ol' : 'ul';
        out.push(`<${tag}>${b.items.map((i) => `<li>${escapeHtml(i)}</li>`).join('')}</${tag}>`);
        break;
      }
      case 'embed':
        out.push(`<p><a href="${escapeHtml(b.url)}">${escapeHtml(b.title ?? b.url)}</a></p>`);
        break;
      case 'video': {
        const v = ctx.video?.(b.video);
        if (!v) break;
        const title = escapeHtml(v.title);
        out.push(`<figure>${v.url ? `<a href="${escapeHtml(v.url)}">${title}</a>` : title}${b.caption ? `<figcaption>${escapeHtml(b.caption)}</figcaption>` : ''}</figure>`);
        break;
      }
      case 'figure': {
        const src = typeof b.image === 'number' ? ctx.imageUrl(b.image) : undefined;
        if (!src) break;
        const cap = [b.caption, b.credit].filter(Boolean).join(' ');
        out.push(`<figure><img src="${escapeHtml(src)}" alt="${escapeHtml(b.alt)}">${cap ? `<figcaption>${escapeHtml(cap)}</figcaption>` : ''}</figure>`);
        break;
      }
    }
  }
  return out.join('\n');
}

/** Our blocks as plain text: one paragraph per block, separated by a blank line. */
export function blocksToText(blocks: ExportBlock[]): string {
  const out: string[] = [];
  for (const b of blocks) {
    switch (b.type) {
      case 'paragraph':
        out.push(b.content ? b.content.map((r) => r.text).join('') : (b.text ?? ''));
        break;
      case 'heading':
        out.push(b.text);
        break;
      case 'quote':
        out.push(`“${b.text}” — ${b.speaker.name}${b.speaker.role ? `, ${b.speaker.role}` : ''}`);
        break;
      case 'pullquote':
        out.push(`“${b.text}”${b.attribution ? ` — ${b.attribution}` : ''}`);
        break;
      case 'list':
        out.push(b.items.map((i) => `- ${i}`).join('\n'));
        break;
      case 'embed':
        out.push(b.title ? `${b.title}: ${b.url}` : b.url);
        break;
      case 'figure':
        break;
    }
  }
  return out.filter(Boolean).join('\n\n');
}

/** Plain text split into paragraphs at blank lines (or at line breaks when there are none). */
export function textToBlocks(text: string): BlockInputT[] {
  const parts = /\n\s*\n/.test(text) ? text.split(/\n\s*\n/) : text.split(/\n/);
  return parts.map((p) => squash(p).trim()).filter(Boolean).map((t) => ({ type: 'paragraph' as const, text: t }));
}
