import type { Block } from './blocks.ts';

import type { ArticleStatus, TranslationMember, TranslationRef } from '../../src/newsroom/api-shapes.ts';

/** The Admin API's shapes come from the server's own file; the rest is mirrored here. */
export type Status = ArticleStatus;
export const STATUSES: Status[] = ['draft', 'in_review', 'scheduled', 'published', 'unpublished'];

export interface ArticleSummary {
  id: number;
  edition: string;
  slug: string;
  headline: string;
  status: Status;
  section: string;
  authors: string[];
  updatedAt?: string | null;
  createdAt?: string | null;
  /** The last save or transition: the list's default order. */
  changedAt?: string | null;
  publishedAt: string | null;
  scheduledAt: string | null;
  version: number;
  ownerId?: number | null;
}

export interface ImageRef {
  image: number | string;
  alt: string;
  caption?: string;
  credit?: string;
  archive?: boolean;
  decorative?: boolean;
  copyright?: string;
  sourceUrl?: string;
}

/** A lead video of the library (docs/import-format.md, "Videos"): its title, credit and poster are the video's. */
export interface VideoLeadRef {
  video: number;
  caption?: string;
}

export function isVideoLeadRef(lead: ImageRef | VideoLeadRef | null | undefined): lead is VideoLeadRef {
  return !!lead && typeof (lead as VideoLeadRef).video === 'number';
}

/** A video of the library as GET /api/admin/videos and /api/admin/videos/{id} answer (the fields the article editor reads). */
export interface VideoSummary {
  id: number;
  title: string;
  status: 'waiting' | 'transcoding' | 'ready' | 'failed' | string;
  language: string;
  durationMs?: number | null;
  credit?: string | null;
  /** The poster's absolute URL, on PUBLIC_URL: for readers and feeds, not for the admin's own pages. */
  poster?: string | null;
  /** The poster as the admin shows it (under /media/ on this site, or on the media host), as the library does. */
  posterPath?: string | null;
  subtitles?: Array<{ language: string; label?: string | null; cues?: number }>;
}

/** The import format (docs/import-format.md), as the Admin API takes it. */
export interface ArticleInput {
  edition: string;
  slug?: string;
  section: string;
  headline: string;
  standfirst?: string;
  authors?: string[];
  tags?: string[];
  source?: { name: string; url?: string };
  canonicalUrl?: string;
  seo?: { title?: string; description?: string; image?: number | string; [k: string]: unknown };
  lead?: ImageRef | VideoLeadRef;
  body?: Block[];
  /**
   * The article in another edition this one translates: an id or its address.
   * Null takes the article out of its translation group; left out, the link stays.
   */
  translationOf?: TranslationRef | null;
}

export type { TranslationMember, TranslationRef } from '../../src/newsroom/api-shapes.ts';

/** An article as GET /api/admin/articles/:id answers. */
export interface Article extends ArticleInput {
  id: number;
  version: number;
  status: Status;
  publishedAt?: string | null;
  updatedAt?: string | null;
  scheduledAt?: string | null;
  ownerId?: number | null;
  path?: string | null;
  url?: string | null;
  /** The other articles of its translation group; read-only, never sent back. */
  translations?: TranslationMember[];
  /** For a translation made with "Traduire en…": its source, and what changed there since (read-only). */
  translationSource?: TranslationSource | null;
}

export interface TranslationSource {
  id: number;
  edition: string;
  headline: string;
  translatedVersion: number;
  currentVersion: number;
  changed: boolean;
  changes: Change[];
}

export interface Media {
  id: number;
  filename: string | null;
  width: number;
  height: number;
  alt: string | null;
  caption: string | null;
  credit: string | null;
  copyright?: string | null;
  creator?: string | null;
  /** The point kept in view when the site crops the picture, 0–1 from the left and the top; null = the centre. */
  focalX?: number | null;
  focalY?: number | null;
  url: string;
}

export interface Section {
  id: number;
  edition?: string;
  slug: string;
  name: string;
}

export interface Edition {
  code: string;
  name: string;
  timeZone: string;
}

export interface Revision {
  version: number;
  createdAt: string;
  user: string | { id?: number; name?: string } | null;
}

export interface Change {
  field: string;
  before: unknown;
  after: unknown;
}
