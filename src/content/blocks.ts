import { z } from 'zod';
import { idNumber } from '../store/ids.ts';
import { isSafeHref } from './safe-href.ts';

export { isSafeHref };

/**
 * The article body: typed blocks, never HTML. The same schema serves the import
 * format, the Admin API and the editor. Stored blocks are the same shapes with
 * images replaced by their media id (`imageId`).
 */

const text = (max: number) => z.string().trim().min(1, 'required').max(max, `at most ${max} characters`);
const optionalText = (max: number) => z.string().trim().max(max, `at most ${max} characters`).optional();

/** Links in body text: web, mail and site-relative addresses only. */
export const SafeHref = z
  .string()
  .trim()
  .max(2000)
  .refine(isSafeHref, 'expected an http(s)://, mailto: or /relative link');

/** A run of inline text: bold, italic and links are the only marks. */
export const InlineRun = z.strictObject({
  text: z.string().min(1, 'required').max(20_000),
  bold: z.boolean().optional(),
  italic: z.boolean().optional(),
  href: SafeHref.optional(),
});
export type InlineRun = z.infer<typeof InlineRun>;

const Paragraph = z
  .strictObject({
    type: z.literal('paragraph'),
    text: text(20_000).optional(),
    content: z.array(InlineRun).min(1, 'required').max(500).optional(),
  })
  .refine((b) => (b.text === undefined) !== (b.content === undefined), {
    message: 'give either text or content',
    path: ['text'],
  });

const Heading = z.strictObject({ type: z.literal('heading'), text: text(300) });

const ImageFields = {
  alt: z.string().trim().max(1000, 'at most 1000 characters'),
  decorative: z.boolean().optional(),
  caption: optionalText(2000),
  credit: optionalText(300),
  archive: z.boolean().optional(),
  /** Rights holder and where the picture comes from; kept with the image in the media library. */
  copyright: optionalText(300),
  sourceUrl: z.url({ protocol: /^https?$/, error: 'expected an absolute http(s) URL' }).optional(),
};

function requireAlt<T extends { alt: string; decorative?: boolean }>(s: z.ZodType<T>) {
  return s.refine((f) => f.alt.length > 0 || f.decorative === true, {
    message: 'required (or mark the image decorative)',
    path: ['alt'],
  });
}

export const Speaker = z.strictObject({ name: text(200), role: optionalText(300) });

const Quote = z.strictObject({ type: z.literal('quote'), text: text(10_000), speaker: Speaker });
const PullQuote = z.strictObject({ type: z.literal('pullquote'), text: text(1000), attribution: optionalText(200) });
const List = z.strictObject({
  type: z.literal('list'),
  ordered: z.boolean().optional(),
  items: z.array(text(2000)).min(1, 'required').max(200),
});

/** Providers whose embeds we render, each as a link until the reader asks for the player. */
export const EmbedUrl = z
  .string()
  .trim()
  .refine((u) => parseEmbed(u) !== null, 'expected a YouTube, Vimeo or Dailymotion video URL');
const Embed = z.strictObject({ type: z.literal('embed'), url: EmbedUrl, title: optionalText(300), caption: optionalText(1000) });

/** A figure as it arrives: `image` is a path (import) or a media id (API). */
export const FigureInput = requireAlt(
  z.strictObject({ type: z.literal('figure'), image: z.union([text(1000), idNumber()]), ...ImageFields }),
);
const ImageLeadInput = requireAlt(z.strictObject({ image: z.union([text(1000), idNumber()]), ...ImageFields }));
/** A video of the library (docs/video.md): the article leads with its player. */
const VideoLeadInput = z.strictObject({ video: idNumber(), caption: optionalText(2000) });
export const LeadInput = z.union([VideoLeadInput, ImageLeadInput], { error: 'expected { image, alt, … } or { video: <id> }' });
export type ImageLeadInputT = z.infer<typeof ImageLeadInput>;
export type VideoLeadInputT = z.infer<typeof VideoLeadInput>;
export function isVideoLeadInput(lead: LeadInputT): lead is VideoLeadInputT {
  return 'video' in lead;
}

/** A video of the library in the body; its title, credit and subtitles come from the video. */
const Video = z.strictObject({ type: z.literal('video'), video: idNumber(), caption: optionalText(2000) });

const blockTypes = ['paragraph', 'heading', 'figure', 'quote', 'pullquote', 'list', 'embed', 'video'] as const;

export const BlockInput = z.discriminatedUnion(
  'type',
  [Paragraph, Heading, FigureInput, Quote, PullQuote, List, Embed, Video] as any,
  { error: (iss: any) => (iss.code === 'invalid_union' ? `unknown block type; expected one of ${blockTypes.join(', ')}` : undefined) },
) as unknown as z.ZodType<BlockInputT>;

type ParagraphT = z.infer<typeof Paragraph>;
type FigureInputT = z.infer<typeof FigureInput>;
export type LeadInputT = z.infer<typeof LeadInput>;
export type BlockInputT =
  | ParagraphT
  | z.infer<typeof Heading>
  | FigureInputT
  | z.infer<typeof Quote>
  | z.infer<typeof PullQuote>
  | z.infer<typeof List>
  | z.infer<typeof Embed>
  | VideoBlock;

export type VideoBlock = z.infer<typeof Video>;

/** Stored forms: figures point at a media row. */
export interface StoredFigure {
  type: 'figure';
  imageId: number;
  alt: string;
  decorative?: boolean;
  caption?: string;
  credit?: string;
  archive?: boolean;
}
export type StoredBlock = Exclude<BlockInputT, FigureInputT> | StoredFigure;
/**
 * A lead picture; or, with `video`, a lead video whose poster (`imageId`, the
 * video's poster_image_id, kept up to date by the video service when the poster
 * changes; absent while the video has none yet) stands for it wherever a
 * picture is shown (cards, social cards, feeds).
 */
export type StoredLead = StoredImageLead | StoredVideoLead;
export type StoredImageLead = Omit<StoredFigure, 'type'>;
export interface StoredVideoLead {
  video: number;
  imageId?: number;
  alt: string;
  caption?: string;
  credit?: string;
}
export function isVideoLead(lead: StoredLead | null | undefined): lead is StoredVideoLead {
  return lead != null && 'video' in lead && typeof lead.video === 'number';
}

export interface EmbedTarget {
  provider: 'youtube' | 'vimeo' | 'dailymotion';
  id: string;
  /** The player, loaded only when the reader asks. */
  playerUrl: string;
  /** The page on the provider's site, for readers without JavaScript. */
  pageUrl: string;
}

export function parseEmbed(raw: string): EmbedTarget | null {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return null;
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') return null;
  const host = u.hostname.replace(/^www\.|^m\./, '');
  let m: RegExpMatchArray | null;
  if (host === 'youtube.com' && u.pathname === '/watch' && /^[\w-]{11}$/.test(u.searchParams.get('v') ?? '')) {
    const id = u.searchParams.get('v')!;
    return { provider: 'youtube', id, playerUrl: `https://www.youtube-nocookie.com/embed/${id}?autoplay=1`, pageUrl: `https://www.youtube.com/watch?v=${id}` };
  }
  if (host === 'youtu.be' && (m = u.pathname.match(/^\/([\w-]{11})$/))) {
    const id = m[1];
    return { provider: 'youtube', id, playerUrl: `https://www.youtube-nocookie.com/embed/${id}?autoplay=1`, pageUrl: `https://www.youtube.com/watch?v=${id}` };
  }
  if (host === 'vimeo.com' && (m = u.pathname.match(/^\/(\d{1,12})$/))) {
    const id = m[1];
    return { provider: 'vimeo', id, playerUrl: `https://player.vimeo.com/video/${id}?autoplay=1&dnt=1`, pageUrl: `https://vimeo.com/${id}` };
  }
  if (host === 'dailymotion.com' && (m = u.pathname.match(/^\/video\/([a-z0-9]{5,12})$/i))) {
    const id = m[1];
    return { provider: 'dailymotion', id, playerUrl: `https://www.dailymotion.com/embed/video/${id}?autoplay=1`, pageUrl: `https://www.dailymotion.com/video/${id}` };
  }
  return null;
}

/** Origins the Content-Security-Policy lets the embed players come from. */
export const EMBED_FRAME_ORIGINS = ['https://www.youtube-nocookie.com', 'https://player.vimeo.com', 'https://www.dailymotion.com'];
