/**
 * Article bodies both ways: our typed blocks (the import format, as the Admin
 * API speaks it) ⇄ the Tiptap/ProseMirror document the block editor edits.
 * Pure functions, no DOM: the editor schema (editor/schema.ts) declares the
 * node and mark names used here, and blocks.test.ts checks both against it.
 */

import { ts } from './i18n-subtitles.ts';

export interface InlineRun {
  text: string;
  bold?: boolean;
  italic?: boolean;
  href?: string;
}

export interface ParagraphBlock {
  type: 'paragraph';
  text?: string;
  content?: InlineRun[];
}
export interface HeadingBlock {
  type: 'heading';
  text: string;
}
export interface FigureBlock {
  type: 'figure';
  /** A media id (the Admin API); an import path survives untouched. */
  image: number | string;
  alt: string;
  caption?: string;
  credit?: string;
  archive?: boolean;
  decorative?: boolean;
  copyright?: string;
  sourceUrl?: string;
}
export interface QuoteBlock {
  type: 'quote';
  text: string;
  speaker: { name: string; role?: string };
}
export interface PullquoteBlock {
  type: 'pullquote';
  text: string;
  attribution?: string;
}
export interface ListBlock {
  type: 'list';
  items: string[];
  ordered?: boolean;
}
export interface EmbedBlock {
  type: 'embed';
  url: string;
  title?: string;
  caption?: string;
}
/** A video of the newsroom's library (docs/import-format.md, "Videos"). */
export interface VideoBlock {
  type: 'video';
  video: number;
  caption?: string;
}
export type Block = ParagraphBlock | HeadingBlock | FigureBlock | QuoteBlock | PullquoteBlock | ListBlock | EmbedBlock | VideoBlock;

/** Tiptap's JSON document (JSONContent, spelled out to keep this file free of imports). */
export interface PMMark {
  type: string;
  attrs?: Record<string, unknown>;
}
export interface PMNode {
  type: string;
  attrs?: Record<string, unknown>;
  content?: PMNode[];
  marks?: PMMark[];
  text?: string;
}

/** Node names of the editor schema for our custom atoms. */
export const NODE = {
  figure: 'figure',
  quote: 'quote',
  pullquote: 'pullquote',
  embed: 'embed',
  video: 'video',
  /** A block of a type this editor does not know: kept as it came, shown read-only. */
  raw: 'rawBlock',
} as const;

/** Attribute defaults of the atom nodes; the schema uses the same table. */
export const ATOM_ATTRS = {
  figure: { image: null, alt: '', caption: '', credit: '', archive: false, decorative: false, copyright: '', sourceUrl: '' },
  quote: { text: '', speakerName: '', speakerRole: '' },
  pullquote: { text: '', attribution: '' },
  embed: { url: '', title: '', caption: '' },
  video: { video: null, caption: '' },
  rawBlock: { block: null },
} as const;

// ---------------------------------------------------------------- blocks → doc

const str = (v: unknown): string => (typeof v === 'string' ? v : v == null ? '' : String(v));

function textNode(text: string, run?: Omit<InlineRun, 'text'>): PMNode {
  const marks: PMMark[] = [];
  if (run?.bold) marks.push({ type: 'bold' });
  if (run?.italic) marks.push({ type: 'italic' });
  if (run?.href) marks.push({ type: 'link', attrs: { href: run.href } });
  return marks.length ? { type: 'text', text, marks } : { type: 'text', text };
}

/** A textblock's content: ProseMirror forbids empty text nodes, so empty text is no content. */
function inline(text: string): PMNode[] | undefined {
  return text ? [textNode(text)] : undefined;
}

function withContent(node: PMNode, content: PMNode[] | undefined): PMNode {
  return content && content.length ? { ...node, content } : node;
}

function blockToNode(b: Block): PMNode {
  switch (b.type) {
    case 'paragraph': {
      if (Array.isArray(b.content)) {
        return withContent({ type: 'paragraph' }, b.content.filter((r) => r && r.text).map((r) => textNode(r.text, r)));
      }
      return withContent({ type: 'paragraph' }, inline(str(b.text)));
    }
    case 'heading':
      return withContent({ type: 'heading', attrs: { level: 2 } }, inline(str(b.text)));
    case 'list':
      return {
        type: b.ordered ? 'orderedList' : 'bulletList',
        content: (b.items.length ? b.items : ['']).map((item) => ({
          type: 'listItem',
          content: [withContent({ type: 'paragraph' }, inline(str(item)))],
        })),
      };
    case 'figure':
      return {
        type: NODE.figure,
        attrs: {
          image: b.image ?? null,
          alt: str(b.alt),
          caption: str(b.caption),
          credit: str(b.credit),
          archive: b.archive === true,
          decorative: b.decorative === true,
          copyright: str(b.copyright),
          sourceUrl: str(b.sourceUrl),
        },
      };
    case 'quote':
      return { type: NODE.quote, attrs: { text: str(b.text), speakerName: str(b.speaker?.name), speakerRole: str(b.speaker?.role) } };
    case 'pullquote':
      return { type: NODE.pullquote, attrs: { text: str(b.text), attribution: str(b.attribution) } };
    case 'embed':
      return { type: NODE.embed, attrs: { url: str(b.url), title: str(b.title), caption: str(b.caption) } };
    case 'video':
      return { type: NODE.video, attrs: { video: typeof b.video === 'number' ? b.video : null, caption: str(b.caption) } };
    default:
      return { type: NODE.raw, attrs: { block: b } };
  }
}

/** Our blocks as a Tiptap document. An empty body is one empty paragraph (a document needs a block). */
export function blocksToDoc(blocks: readonly Block[] | null | undefined): PMNode {
  const content = (blocks ?? []).map(blockToNode);
  return { type: 'doc', content: content.length ? content : [{ type: 'paragraph' }] };
}

// ---------------------------------------------------------------- doc → blocks

/** All the text under a node, marks dropped. */
export function plainText(node: PMNode): string {
  if (node.type === 'text') return node.text ?? '';
  return (node.content ?? []).map(plainText).join('');
}

function runOf(n: PMNode): InlineRun {
  const run: InlineRun = { text: n.text ?? '' };
  for (const m of n.marks ?? []) {
    if (m.type === 'bold') run.bold = true;
    else if (m.type === 'italic') run.italic = true;
    else if (m.type === 'link' && typeof m.attrs?.href === 'string' && m.attrs.href) run.href = m.attrs.href;
  }
  return run;
}

const sameMarks = (a: InlineRun, b: InlineRun) => !!a.bold === !!b.bold && !!a.italic === !!b.italic && (a.href ?? '') === (b.href ?? '');

function paragraphBlock(node: PMNode): ParagraphBlock | null {
  const runs: InlineRun[] = [];
  for (const child of node.content ?? []) {
    // Our paragraphs hold text only; anything else inline (a pasted hard break) becomes a space.
    const run = child.type === 'text' ? runOf(child) : { text: child.type === 'hardBreak' ? ' ' : plainText(child) };
    if (!run.text) continue;
    const last = runs[runs.length - 1];
    if (last && sameMarks(last, run)) last.text += run.text;
    else runs.push(run);
  }
  const text = runs.map((r) => r.text).join('');
  if (!text.trim()) return null;
  if (runs.every((r) => !r.bold && !r.italic && !r.href)) return { type: 'paragraph', text };
  return { type: 'paragraph', content: runs };
}

/** List items are plain strings: every paragraph of an item (and of any nested list) is flattened. */
function listItems(list: PMNode): string[] {
  const out: string[] = [];
  for (const item of list.content ?? []) {
    const own: string[] = [];
    const nested: string[] = [];
    for (const child of item.content ?? []) {
      if (child.type === 'bulletList' || child.type === 'orderedList') nested.push(...listItems(child));
      else own.push(plainText(child));
    }
    const text = own.filter((t) => t.trim()).join(' ');
    if (text.trim()) out.push(text);
    out.push(...nested);
  }
  return out;
}

/** Optional text fields are left out when empty, as the import format prefers. */
function opt<T extends object>(base: T, fields: Record<string, unknown>): T {
  const out = { ...base } as Record<string, unknown>;
  for (const [k, v] of Object.entries(fields)) {
    if (typeof v === 'string' ? v.trim() !== '' : v === true) out[k] = v;
  }
  return out as T;
}

function nodeToBlock(node: PMNode): Block | null {
  const a = (node.attrs ?? {}) as Record<string, unknown>;
  switch (node.type) {
    case 'paragraph':
      return paragraphBlock(node);
    case 'heading': {
      const text = plainText(node);
      return text.trim() ? { type: 'heading', text } : null;
    }
    case 'bulletList':
    case 'orderedList': {
      const items = listItems(node);
      return items.length ? { type: 'list', items, ordered: node.type === 'orderedList' } : null;
    }
    case NODE.figure: {
      const image = a.image;
      return opt<FigureBlock>(
        { type: 'figure', image: typeof image === 'number' || typeof image === 'string' ? image : 0, alt: str(a.alt) },
        { caption: str(a.caption), credit: str(a.credit), archive: a.archive === true, decorative: a.decorative === true, copyright: str(a.copyright), sourceUrl: str(a.sourceUrl) },
      );
    }
    case NODE.quote:
      return { type: 'quote', text: str(a.text), speaker: opt<{ name: string; role?: string }>({ name: str(a.speakerName) }, { role: str(a.speakerRole) }) };
    case NODE.pullquote:
      return opt<PullquoteBlock>({ type: 'pullquote', text: str(a.text) }, { attribution: str(a.attribution) });
    case NODE.embed:
      return opt<EmbedBlock>({ type: 'embed', url: str(a.url) }, { title: str(a.title), caption: str(a.caption) });
    case NODE.video:
      // A card whose video was never chosen is no block.
      return typeof a.video === 'number' ? opt<VideoBlock>({ type: 'video', video: a.video }, { caption: str(a.caption) }) : null;
    case NODE.raw:
      return (a.block as Block) ?? null;
    default: {
      // A node this mapping does not know (it should not happen: the schema has no other): keep its text.
      const text = plainText(node);
      return text.trim() ? { type: 'paragraph', text } : null;
    }
  }
}

/** A Tiptap document as our blocks. Empty paragraphs, headings and list items are left out. */
export function docToBlocks(doc: PMNode | null | undefined): Block[] {
  const out: Block[] = [];
  for (const node of doc?.content ?? []) {
    const b = nodeToBlock(node);
    if (b) out.push(b);
  }
  return out;
}

/** A block's short text, for summaries (revision view, conflict panel). */
export function blockSummary(b: Block): string {
  switch (b.type) {
    case 'paragraph':
      return b.content ? b.content.map((r) => r.text).join('') : str(b.text);
    case 'heading':
    case 'pullquote':
      return b.text;
    case 'quote':
      return `« ${b.text} » — ${b.speaker?.name ?? ''}`;
    case 'list':
      return b.items.join(' · ');
    case 'figure':
      return `[${typeof b.image === 'number' ? `#${b.image}` : b.image}] ${b.alt}`;
    case 'embed':
      return b.title ? `${b.title} (${b.url})` : b.url;
    case 'video':
      return `[${ts.video.videoN(b.video)}]${b.caption ? ` ${b.caption}` : ''}`;
    default:
      return JSON.stringify(b);
  }
}
