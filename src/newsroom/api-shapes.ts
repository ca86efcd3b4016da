/**
 * Shapes the Admin API answers, shared with the admin app: this file imports
 * nothing, so the client's build can read it as it is.
 */

export type ArticleStatus = 'draft' | 'in_review' | 'scheduled' | 'published' | 'unpublished';

/** What makes an article a live (docs/live.md): null on an article that is not one. */
export interface ApiLive {
  startedAt: string;
  /** When it ended (coverageEndTime); null while it runs. */
  endedAt: string | null;
  /** Contributors publish their own entries. */
  openPosting: boolean;
  /** Key points go to readers by web push. */
  push: boolean;
}

/**
 * One entry of a live, as the Admin API answers it (docs/live.md). `Block` is
 * the body's block type (src/content/blocks.ts; figures name media ids).
 */
export interface ApiEntryOf<Block = { type: string }> {
  id: number;
  articleId: number;
  /** The public permalink (`…/<slug>/entree/<id>`): readers reach it once the entry is published in a published live. */
  url: string;
  status: 'draft' | 'published';
  postedAt: string;
  title: string | null;
  /** The author's name; null for a wire entry (see source) or an unsigned one. */
  author: string | null;
  source: { name: string; url?: string } | null;
  body: Block[];
  pinned: boolean;
  keyPoint: boolean;
  /** The public note of a correction; set, readers see the entry as corrected. */
  correction: string | null;
  /** The entry's own version: send it back as If-Match to change it. */
  version: number;
  /** The full article made of this entry. */
  articleDraftId: number | null;
  /** The wire item it was made of. */
  ingestItemId: number | null;
  createdAt: string;
  /** The last change readers saw. */
  updatedAt: string | null;
  /** Who posted it: the user's or the API token's name. */
  postedBy: string;
}

/** A live that runs, as GET /api/admin/lives lists it. */
export interface ApiRunningLive {
  id: number;
  edition: string;
  headline: string;
  status: ArticleStatus;
  startedAt: string;
}

/** How the import format and the Admin API name the article one translates: its id, or its edition and slug. */
export type TranslationRef = number | { edition: string; slug: string };

/** Another article of the same translation group. */
export interface TranslationMember {
  id: number;
  edition: string;
  slug: string;
  headline: string;
  status: ArticleStatus;
}

/** A stored redirect, with the article it leads to. */
export interface ApiRedirect {
  path: string;
  articleId: number;
  edition: string;
  headline: string;
  status: ArticleStatus;
  /** Where the article lives now; the redirect answers only while the article is published. */
  articlePath: string;
  live: boolean;
  createdAt: string;
}

/** The columns the newsroom's article list sorts by (`sort=headline`, `sort=-changed` for descending). */
export const ADMIN_SORTS = ['headline', 'status', 'section', 'edition', 'changed', 'published'] as const;
export type AdminSortKey = (typeof ADMIN_SORTS)[number];
/** The list's order when none is asked: last change, newest first. */
export const DEFAULT_ADMIN_SORT = '-changed';
