import type { StoredBlock, StoredLead } from '../content/blocks.ts';
import { isVideoLead, parseEmbed } from '../content/blocks.ts';

/**
 * An article's searchable text, field by field, as written: what the index
 * analyses, what reader snippets and the newsroom's "found in" are cut from.
 * One place, so that what is found is what is shown.
 */

export interface ArticleTextInput {
  headline: string;
  standfirst: string | null;
  /** JSON of StoredBlock[], or the parsed blocks. */
  body: string | StoredBlock[];
  /** JSON of StoredLead, or the parsed lead. */
  lead: string | StoredLead | null;
  seo_title?: string | null;
  seo_description?: string | null;
  source_name?: string | null;
  tags?: string[];
  people?: string[];
  authors?: string[];
  /** The transcripts of the videos it shows (their subtitles' words, src/video/transcripts.ts). */
  transcripts?: string[];
}

export interface ArticleText {
  headline: string;
  standfirst: string;
  /** Paragraphs, headings, list items, pull quotes and embeds' titles, one per line. */
  body: string;
  /** Quotes' words, one per line. */
  quotes: string;
  /** Quotes' speakers with their roles, one per line. */
  speakers: string;
  /** Captions and credits of the lead and of the figures, one per line. */
  captions: string;
  tags: string;
  people: string;
  authors: string;
  seo: string;
  source: string;
  /** What is said in the videos it shows: their subtitles' words, one paragraph per line. */
  transcript: string;
  /** True when the lead or a body block is a video player. */
  video: boolean;
}

/** The fields a match may be found in, in the order the newsroom shows them. */
export const TEXT_FIELDS = ['headline', 'standfirst', 'body', 'quotes', 'speakers', 'captions', 'transcript', 'tags', 'people', 'authors', 'seo', 'source'] as const;
export type TextField = (typeof TEXT_FIELDS)[number];

function parsed<T>(v: string | T | null | undefined, fallback: T): T {
  if (v === null || v === undefined) return fallback;
  if (typeof v !== 'string') return v;
  try {
    return (JSON.parse(v) as T) ?? fallback;
  } catch {
    return fallback;
  }
}

const lines = (xs: Array<string | null | undefined>) => xs.filter((x): x is string => Boolean(x && x.trim())).join('\n');

export function articleText(a: ArticleTextInput): ArticleText {
  const blocks = parsed<StoredBlock[]>(a.body, []);
  const lead = parsed<StoredLead | null>(a.lead, null);
  const body: string[] = [];
  const quotes: string[] = [];
  const speakers: string[] = [];
  const captions: string[] = [lead?.caption, lead?.credit].filter(Boolean) as string[];
  // A video of the library, as the lead or in the body, is a player as much as an embed is.
  let video = isVideoLead(lead);
  for (const b of blocks) {
    switch (b.type) {
      case 'paragraph':
        body.push(b.text ?? (b.content ?? []).map((r) => r.text).join(''));
        break;
      case 'heading':
        body.push(b.text);
        break;
      case 'list':
        body.push(...b.items);
        break;
      case 'pullquote':
        body.push(b.text, b.attribution ?? '');
        break;
      case 'quote':
        quotes.push(b.text);
        speakers.push(b.speaker.role ? `${b.speaker.name}, ${b.speaker.role}` : b.speaker.name);
        break;
      case 'figure':
        captions.push(b.caption ?? '', b.credit ?? '');
        break;
      case 'embed':
        body.push(b.title ?? '', b.caption ?? '');
        if (parseEmbed(b.url)) video = true;
        break;
      case 'video':
        captions.push(b.caption ?? '');
        video = true;
        break;
    }
  }
  return {
    headline: a.headline,
    standfirst: a.standfirst ?? '',
    body: lines(body),
    quotes: lines(quotes),
    speakers: lines(speakers),
    captions: lines(captions),
    tags: lines(a.tags ?? []),
    people: lines(a.people ?? []),
    authors: lines(a.authors ?? []),
    seo: lines([a.seo_title, a.seo_description]),
    source: a.source_name ?? '',
    transcript: lines((a.transcripts ?? []).flatMap((t) => t.split(/\n+/))),
    video,
  };
}
