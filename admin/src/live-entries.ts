import type { Block, EmbedBlock, FigureBlock, QuoteBlock } from './blocks.ts';
import type { LiveLabels } from './i18n-live.ts';
import type { EntryWrite, LiveEntry } from './live-api.ts';

/**
 * The live desk's logic, with no DOM and no network: what the composer sends,
 * which keys post, how a poll of the entries joins the list on screen, and what
 * a conflict offers. The screens (screens/live-desk.tsx, components/entry-*.tsx)
 * only wire these to the page.
 */

// ------------------------------------------------------------------ composer

export interface ComposerFigure {
  image: number | string;
  alt: string;
  caption: string;
  credit: string;
  /** For the preview only: the picture's address. */
  url?: string;
}
export interface ComposerQuote {
  text: string;
  name: string;
  role: string;
}
export interface ComposerEmbed {
  url: string;
  title: string;
}

/** What the composer holds while typing; the text is paragraphs separated by blank lines. */
export interface ComposerState {
  title: string;
  text: string;
  pinned: boolean;
  keyPoint: boolean;
  figure: ComposerFigure | null;
  quote: ComposerQuote | null;
  embed: ComposerEmbed | null;
  /** Blocks of an entry being edited that the composer has no field for: sent back as they came. */
  kept: Block[];
  /**
   * The order of an edited entry's blocks, so a change keeps each block in its
   * place: `text` where its paragraphs stood, `quote`/`figure`/`embed` where
   * that field's block stood, `kept` for the next of `kept` in turn. Empty for a
   * new entry (the composer's own order). A field emptied leaves its place
   * empty; a photo, quote or embed removed and added again takes the old place.
   */
  layout: ComposerSlot[];
  /** The public note of a correction (editing only). */
  correction: string;
}

export type ComposerSlot = 'text' | 'quote' | 'figure' | 'embed' | 'kept';

export function emptyComposer(): ComposerState {
  return { title: '', text: '', pinned: false, keyPoint: false, figure: null, quote: null, embed: null, kept: [], layout: [], correction: '' };
}

export interface ComposerIssue {
  /** The composer's field: text, figure.alt, quote.text, quote.name, embed.url. */
  field: string;
  message: string;
}

/** Paragraphs from typed text: a blank line separates them; single line breaks inside one become spaces. */
export function paragraphs(text: string): string[] {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n+/)
    .map((p) =>
      p
        .split('\n')
        .map((l) => l.trim())
        .filter(Boolean)
        .join(' '),
    )
    .filter(Boolean);
}

const HTTP = /^https?:\/\/[^\s]+$/i;

/**
 * The entry's blocks. A new entry: the paragraphs, then the quote, the photo
 * and the embed. An edited entry: every block in the place it had (its
 * `layout`), with what the user changed; a field added while editing comes
 * after (new text before everything, as in a new entry). Issues name the
 * composer's field, in the desk's language.
 */
export function composerBlocks(s: ComposerState, words: LiveLabels['composer']['issues']): { blocks: Block[]; issues: ComposerIssue[] } {
  const issues: ComposerIssue[] = [];
  const part: Record<Exclude<ComposerSlot, 'kept'>, () => Block[]> = {
    text: () => paragraphs(s.text).map((text) => ({ type: 'paragraph', text })),
    quote: () => {
      if (!s.quote) return [];
      const text = s.quote.text.trim();
      const name = s.quote.name.trim();
      const role = s.quote.role.trim();
      if (!text) issues.push({ field: 'quote.text', message: words.quoteText });
      if (!name) issues.push({ field: 'quote.name', message: words.speaker });
      const q: QuoteBlock = { type: 'quote', text, speaker: role ? { name, role } : { name } };
      return [q];
    },
    figure: () => {
      if (!s.figure) return [];
      const alt = s.figure.alt.trim();
      if (!alt) issues.push({ field: 'figure.alt', message: words.alt });
      const f: FigureBlock = { type: 'figure', image: s.figure.image, alt };
      if (s.figure.caption.trim()) f.caption = s.figure.caption.trim();
      if (s.figure.credit.trim()) f.credit = s.figure.credit.trim();
      return [f];
    },
    embed: () => {
      if (!s.embed) return [];
      const url = s.embed.url.trim();
      if (!HTTP.test(url)) issues.push({ field: 'embed.url', message: words.embedUrl });
      const e: EmbedBlock = { type: 'embed', url };
      if (s.embed.title.trim()) e.title = s.embed.title.trim();
      return [e];
    },
  };
  const placed = new Set(s.layout);
  const blocks: Block[] = placed.has('text') ? [] : part.text();
  let kept = 0;
  for (const slot of s.layout) {
    if (slot === 'kept') {
      if (kept < s.kept.length) blocks.push(s.kept[kept++]);
    } else blocks.push(...part[slot]());
  }
  for (const slot of ['quote', 'figure', 'embed'] as const) if (!placed.has(slot)) blocks.push(...part[slot]());
  blocks.push(...s.kept.slice(kept));
  if (!blocks.length) issues.push({ field: 'text', message: words.empty });
  return { blocks, issues };
}

/** What the API gets from the composer: a new entry (`status` chosen by the button) or a change. */
export function composerInput(s: ComposerState, status: 'draft' | 'published', words: LiveLabels['composer']['issues']): { input: EntryWrite | null; issues: ComposerIssue[] } {
  const { blocks, issues } = composerBlocks(s, words);
  if (issues.length) return { input: null, issues };
  const input: EntryWrite = { status, body: blocks, pinned: s.pinned, keyPoint: s.keyPoint };
  if (s.title.trim()) input.title = s.title.trim();
  if (s.correction.trim()) input.correction = s.correction.trim();
  return { input, issues };
}

/**
 * A change keeps who signed the entry: its author, or the wire source it came
 * from. A PUT replaces the entry, and the composer has no field for them.
 */
export function keepSigners(e: Pick<LiveEntry, 'author' | 'source'>, input: EntryWrite): EntryWrite {
  const out: EntryWrite = { ...input };
  if (e.author) out.author = e.author;
  if (e.source) out.source = e.source.url ? { name: e.source.name, url: e.source.url } : { name: e.source.name };
  return out;
}

/**
 * An entry back in the composer, for editing in place: the first run of plain
 * paragraphs becomes the text, the first quote, photo and embed their fields;
 * any other block (a list, a formatted paragraph, a second photo, paragraphs
 * further on) is kept and sent back as is. Every block keeps its place
 * (`layout`): a change moves nothing.
 */
export function composerFromEntry(e: Pick<LiveEntry, 'title' | 'body' | 'pinned' | 'keyPoint' | 'correction'>): ComposerState {
  const s = emptyComposer();
  s.title = e.title ?? '';
  s.pinned = !!e.pinned;
  s.keyPoint = !!e.keyPoint;
  s.correction = e.correction ?? '';
  const texts: string[] = [];
  // 'open' while the run of paragraphs taken as the text goes on; 'closed' once another block ended it.
  let run: 'none' | 'open' | 'closed' = 'none';
  for (const b of e.body ?? []) {
    const plain = b.type === 'paragraph' && !b.content && typeof b.text === 'string';
    if (plain && run !== 'closed') {
      if (run === 'none') s.layout.push('text');
      run = 'open';
      texts.push(b.text as string);
      continue;
    }
    if (run === 'open') run = 'closed';
    if (b.type === 'quote' && !s.quote) {
      s.quote = { text: b.text ?? '', name: b.speaker?.name ?? '', role: b.speaker?.role ?? '' };
      s.layout.push('quote');
    } else if (b.type === 'figure' && !s.figure) {
      s.figure = { image: b.image, alt: b.alt ?? '', caption: b.caption ?? '', credit: b.credit ?? '' };
      s.layout.push('figure');
    } else if (b.type === 'embed' && !s.embed) {
      s.embed = { url: b.url ?? '', title: b.title ?? '' };
      s.layout.push('embed');
    } else {
      s.kept.push(b);
      s.layout.push('kept');
    }
  }
  s.text = texts.join('\n\n');
  return s;
}

// ------------------------------------------------------------------ keyboard

export interface KeyLike {
  key: string;
  ctrlKey?: boolean;
  metaKey?: boolean;
  altKey?: boolean;
  shiftKey?: boolean;
  isComposing?: boolean;
}

/** Ctrl+Enter, or ⌘+Enter on a Mac, posts; plain Enter is a new line; an IME composition is left alone. */
export function isPostShortcut(e: KeyLike): boolean {
  return e.key === 'Enter' && (!!e.ctrlKey || !!e.metaKey) && !e.altKey && !e.isComposing;
}

// ------------------------------------------------------------------ the list

/** Newest first; the same time is ordered by id, the later post first. */
export function byNewest(a: Pick<LiveEntry, 'postedAt' | 'id'>, b: Pick<LiveEntry, 'postedAt' | 'id'>): number {
  const d = Date.parse(b.postedAt) - Date.parse(a.postedAt);
  return d !== 0 ? d : b.id - a.id;
}

/** Later of two copies of one entry: the higher version (a poll may answer older than what was just saved). */
function later(a: LiveEntry, b: LiveEntry): LiveEntry {
  return b.version > a.version ? b : a;
}

export interface DeskList {
  /** The entries on screen, newest first. */
  entries: LiveEntry[];
  /** Others' new entries held back while the user reads further down ("3 nouvelles entrées"). */
  incoming: LiveEntry[];
  /** Whether older entries than the last shown remain on the server. */
  hasMore: boolean;
}

export function emptyList(): DeskList {
  return { entries: [], incoming: [], hasMore: false };
}

/**
 * Joins a poll of the newest entries to the list on screen without moving the
 * user's place: changed entries are replaced where they stand, entries gone from
 * the polled window are removed, and new entries wait in `incoming` unless the
 * user is at the top of the list (`atTop`), where they are shown at once.
 * Older entries already loaded (below the polled window) stay as they are.
 */
export function mergePoll(list: DeskList, polled: { entries: LiveEntry[]; hasMore: boolean }, opts: { atTop: boolean }): DeskList {
  const fresh = new Map(polled.entries.map((e) => [e.id, e]));
  // The window the poll covers: every entry at or after its oldest one (all of them when nothing is older).
  const oldest = polled.entries.length ? polled.entries.reduce((o, e) => (byNewest(o, e) < 0 ? e : o)) : null;
  const covered = (e: LiveEntry) => !polled.hasMore || (oldest !== null && byNewest(e, oldest) <= 0);
  const known = new Set<number>();
  const entries: LiveEntry[] = [];
  for (const e of list.entries) {
    known.add(e.id);
    const f = fresh.get(e.id);
    if (f) entries.push(later(e, f));
    else if (!covered(e)) entries.push(e);
    // else: deleted (or gone) on the server.
  }
  const incoming: LiveEntry[] = [];
  for (const e of list.incoming) {
    known.add(e.id);
    const f = fresh.get(e.id);
    if (f) incoming.push(later(e, f));
    else if (!covered(e)) incoming.push(e);
  }
  for (const e of polled.entries) if (!known.has(e.id)) incoming.push(e);
  incoming.sort(byNewest);
  if (opts.atTop) return { entries: [...incoming, ...entries].sort(byNewest), incoming: [], hasMore: list.entries.length ? list.hasMore : polled.hasMore };
  return { entries, incoming, hasMore: list.entries.length ? list.hasMore : polled.hasMore };
}

/** Shows the held entries ("3 nouvelles entrées" pressed). */
export function showIncoming(list: DeskList): DeskList {
  return { ...list, entries: [...list.incoming, ...list.entries].sort(byNewest), incoming: [] };
}

/** The user's own post or change, shown at once wherever they are (it never waits in `incoming`). */
export function putEntry(list: DeskList, e: LiveEntry): DeskList {
  const incoming = list.incoming.filter((x) => x.id !== e.id);
  const old = list.entries.find((x) => x.id === e.id);
  const entries = old ? list.entries.map((x) => (x.id === e.id ? later(x, e) : x)) : [e, ...list.entries].sort(byNewest);
  return { ...list, entries, incoming };
}

export function dropEntry(list: DeskList, id: number): DeskList {
  return { ...list, entries: list.entries.filter((e) => e.id !== id), incoming: list.incoming.filter((e) => e.id !== id) };
}

/** Older entries (the "Entrées précédentes" button) joined below. */
export function appendOlder(list: DeskList, page: { entries: LiveEntry[]; hasMore: boolean }): DeskList {
  const known = new Set([...list.entries, ...list.incoming].map((e) => e.id));
  return { ...list, entries: [...list.entries, ...page.entries.filter((e) => !known.has(e.id))].sort(byNewest), hasMore: page.hasMore };
}

// ------------------------------------------------------------------ conflicts

/**
 * What a 412 on an entry offers: the other version to read, and two ways on.
 * "Take theirs" puts their entry in the form; "keep mine" saves the form again
 * over their version (If-Match: their version).
 */
export interface EntryConflictChoice {
  theirs: LiveEntry;
  /** The version to send as If-Match to overwrite theirs with the form. */
  overwriteVersion: number;
  /** The form filled with their version. */
  theirForm: ComposerState;
}

export function conflictChoice(theirs: LiveEntry): EntryConflictChoice {
  return { theirs, overwriteVersion: theirs.version, theirForm: composerFromEntry(theirs) };
}

/** An entry's text in one line, for the conflict panel, confirmations and labels. */
export function entrySummary(e: Pick<LiveEntry, 'title' | 'body'>, max = 80): string {
  const parts: string[] = [];
  for (const b of e.body ?? []) {
    if (b.type === 'paragraph') parts.push(b.content ? b.content.map((r) => r.text).join('') : (b.text ?? ''));
    else if (b.type === 'quote') parts.push(`« ${b.text} » — ${b.speaker?.name ?? ''}`);
    else if (b.type === 'heading' || b.type === 'pullquote') parts.push(b.text);
    else if (b.type === 'list') parts.push(b.items.join(' · '));
    else if (b.type === 'embed') parts.push(b.title || b.url);
    else if (b.type === 'figure') parts.push(`[${b.alt}]`);
  }
  const text = [e.title ?? '', ...parts].filter((x) => x && x.trim()).join(' — ');
  return text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text;
}
