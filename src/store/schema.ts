import type { Generated, Insertable, Selectable } from 'kysely';

/**
 * Row types of every table. Times are ISO 8601 strings in UTC
 * (`2026-11-20T09:30:00.000Z`), which sort the same in both databases.
 */
export interface EditionTable {
  code: string; // BCP 47 language tag, also the URL prefix: fr, en, pt-BR
  name: string;
  base_url: string;
  time_zone: string;
  is_default: number; // 0 | 1
  position: number;
  /** The language its pages are in (BCP 47); empty: the code is the language. */
  language: Generated<string>;
  /** ltr | rtl: the pages' direction (docs/editions.md). */
  dir: Generated<string>;
  /** The numbering system its dates and counts are written in (Intl's: latn, arab…); null: the language's own. */
  numbering: string | null;
  /** JSON: EditionIdentity (src/identity/identity.ts): logo, icons, colours, social accounts, social picture. */
  identity: string | null;
}

export interface SectionTable {
  id: Generated<number>;
  edition: string;
  slug: string;
  name: string;
  position: number;
  in_nav: number;
  /** 1 when made by naming it in an article: readers see it once a visible article is in it. */
  implicit: Generated<number>;
  /** The section it is under (one level only: Monde › Moyen-Orient); null at the top. */
  parent_id: number | null;
  description: string | null;
}

export interface TagTable {
  id: Generated<number>;
  edition: string;
  slug: string;
  name: string;
  description: string | null;
  /** 1: shown on the edition's home page. */
  featured: Generated<number>;
  /** Merged into that topic: its page answers 301 there. */
  merged_into: number | null;
}

export interface PersonTable {
  id: Generated<number>;
  slug: string;
  name: string;
  role: string | null;
  description: string | null;
  photo_image_id: number | null;
  /** JSON array of other names the person is known by. */
  aliases: Generated<string>;
  /** A Wikidata item, Q followed by digits. */
  wikidata: string | null;
  /** Merged into that person: the page answers 301 there. */
  merged_into: number | null;
}

/** A person's role as one edition words it ("Premier ministre", "Prime Minister"). */
export interface PersonRoleTable {
  person_id: number;
  edition: string;
  role: string;
}

/** A link of an edition's header or footer menu. */
export interface MenuItemTable {
  id: Generated<number>;
  edition: string;
  menu: string; // header | footer
  position: number;
  kind: string; // section | page | topic | url
  /** The section's, page's or topic's id; null for an address. */
  target_id: number | null;
  url: string | null;
  /** Null: the target's own name. */
  label: string | null;
}

/** A static page (À propos, Mentions légales…), written in blocks like an article. */
export interface PageTable {
  id: Generated<number>;
  edition: string;
  slug: string;
  title: string;
  description: string | null;
  /** about | contact | legal | privacy | charter | other; null: other. */
  kind: string | null;
  /** JSON: StoredBlock[]. */
  body: string;
  status: string; // draft | published
  in_footer: number; // 0 | 1
  position: number;
  version: Generated<number>;
  created_at: string;
  updated_at: string;
  published_at: string | null;
}

/** A former slug (of a section, page, topic, person or author) that answers 301 to its target's current address. */
export interface SlugAliasTable {
  kind: string; // section | page | tag | person | author
  /** The edition; '' for people and authors, who belong to every edition. */
  edition: string;
  slug: string;
  target_id: number;
  created_at: string;
}

export interface AuthorTable {
  id: Generated<number>;
  slug: string;
  name: string;
  bio: string | null;
  /** The author's job ("Correspondante à Beyrouth"). */
  role: string | null;
  photo_image_id: number | null;
  /** JSON array of { network, url }. */
  social: Generated<string>;
  /** Merged into that author: the page answers 301 there. */
  merged_into: number | null;
}

export interface ImageTable {
  id: Generated<number>;
  hash: string;
  original: string; // path under the media folder
  mime: string;
  width: number;
  height: number;
  bytes: number;
  alt: string;
  caption: string | null;
  credit: string | null;
  copyright: string | null;
  source_url: string | null;
  /** JSON array of ImageVariant. */
  variants: string;
  /** pending | working | done | failed: the AVIF variants made in the background. */
  avif_state: string;
  /** The worker encoding it (a random id per process), while avif_state is working. */
  avif_claimed_by: string | null;
  /** When that claim lapses and another worker may take the picture. */
  avif_locked_until: string | null;
  created_at: string;
  creator: string | null;
  filename: string | null;
  /** The person who uploaded it; null when a token did. */
  uploaded_by: number | null;
  /** The API token that uploaded it, if one did. */
  uploaded_by_token: number | null;
  /** Where crops keep their centre, 0–1 from the left and the top; null: the middle. */
  focal_x: number | null;
  focal_y: number | null;
}

export interface ArticleTable {
  id: Generated<number>;
  edition: string;
  section_id: number;
  slug: string;
  headline: string;
  standfirst: string | null;
  status: string; // draft | in_review | scheduled | published | unpublished
  published_at: string | null;
  updated_at: string | null;
  created_at: string;
  source_name: string | null;
  source_url: string | null;
  canonical_url: string | null;
  seo_title: string | null;
  seo_description: string | null;
  /** JSON: StoredLead or null. */
  lead: string | null;
  lead_image_id: number | null;
  /** The picture for social cards (seo.image). */
  social_image_id: number | null;
  /** Bumped by every save; the Admin API's ETag. */
  version: Generated<number>;
  /** The person who owns it; null when an API token (or an import) made it. */
  owner_id: number | null;
  /** The API token that owns it, when one made it. */
  owner_token_id: number | null;
  scheduled_at: string | null;
  /** JSON: StoredBlock[]. */
  body: string;
  /** Articles telling the same story in other editions share this number; null when it has no translation. */
  translation_group: number | null;
  /** The last save or transition: the newsroom's list is ordered by it. */
  changed_at: string | null;
  /** Set: the article is a live (docs/live.md); its coverageStartTime. */
  live_started_at: string | null;
  /** When the live ended (coverageEndTime); null while it runs. */
  live_ended_at: string | null;
  /** 1: contributors publish their entries into this live themselves; 0: an editor publishes them. */
  live_open_posting: Generated<number>;
  /** 1: the live's key points go to readers who follow lives by web push. */
  live_push: Generated<number>;
  /** The video the article leads with (its lead JSON carries `video`); null otherwise. */
  lead_video_id: number | null;
  /** JSON: the publishing checks passed over, with the reason (`{ subtitles: { reason, by, at } }`); null: none. */
  publish_overrides: string | null;
  /** "Traduire en…": the article this one was translated from, and that article's version then. */
  translated_from: number | null;
  translated_version: number | null;
}

export interface ArticleTagTable {
  article_id: number;
  tag_id: number;
  position: number;
  /** Kept by triggers: the article's edition, and its publication time while it is published (null otherwise). */
  edition: Generated<string | null>;
  listed_at: Generated<string | null>;
}

export interface ArticleAuthorTable {
  article_id: number;
  author_id: number;
  position: number;
  /** Kept by triggers: the article's edition, and its publication time while it is published (null otherwise). */
  edition: Generated<string | null>;
  listed_at: Generated<string | null>;
}

export interface ArticlePersonTable {
  article_id: number;
  person_id: number;
  /** The role this article's quote gives the person; readers see the one of the latest visible article. */
  role: string | null;
  /** Kept by triggers: the article's edition, and its publication time while it is published (null otherwise). */
  edition: Generated<string | null>;
  listed_at: Generated<string | null>;
}

/** Published articles per section and month of publication, kept by triggers on articles. */
export interface ArchiveMonthTable {
  section_id: number;
  edition: string;
  /** `yyyy-mm` (UTC) */
  month: string;
  articles: number;
  /** Those without a canonical URL elsewhere: what article sitemaps list. */
  listed: number;
  /** The newest publication or update among them (it does not go back when one leaves). */
  lastmod: string | null;
}

export interface SiteStateTable {
  key: string;
  value: number;
}

export type Role = 'contributor' | 'author' | 'editor' | 'admin';

export interface UserTable {
  id: Generated<number>;
  email: string;
  name: string;
  role: Role;
  password_hash: string;
  created_at: string;
  disabled_at: string | null;
  /** The admin's language for this user: fr | en. */
  language: Generated<string>;
}

export interface SessionTable {
  id: string;
  user_id: number;
  csrf: string;
  created_at: string;
  expires_at: string;
  revoked_at: string | null;
  ip: string | null;
  user_agent: string | null;
}

export interface ApiTokenTable {
  id: Generated<number>;
  name: string;
  role: Role;
  token_hash: string;
  created_by: number | null;
  created_at: string;
  revoked_at: string | null;
  last_used_at: string | null;
}

export interface LoginAttemptTable {
  key: string;
  failures: number;
  window_start: string;
}

export interface ArticleRevisionTable {
  id: Generated<number>;
  article_id: number;
  version: number;
  /** JSON: the article in the API shape at that version. */
  snapshot: string;
  user_id: number | null;
  created_at: string;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  /** "user:3", "token:2" or "system". */
  actor: string;
  action: string;
  subject: string | null;
  details: string | null;
}

export interface HomeSlotTable {
  edition: string;
  position: number;
  article_id: number;
}

export interface SlugHistoryTable {
  edition: string;
  slug: string;
  article_id: number;
}

/** A former address (path and query, as the old site had it) that now leads to an article. */
export interface RedirectTable {
  path: string;
  article_id: number;
  created_at: string;
}

export interface WebhookSubscriberTable {
  id: Generated<number>;
  url: string;
  secret: string;
  /** JSON: the event names the subscriber receives. */
  events: string;
  active: number; // 0 | 1
  created_by: number | null;
  created_at: string;
}

/** The outbox: one row per event and subscriber, written in the transaction of the change. */
export interface WebhookDeliveryTable {
  id: Generated<number>;
  subscriber_id: number;
  event: string;
  /** JSON: { event, article, occurredAt }; deliveryId is added when sending. */
  payload: string;
  status: 'pending' | 'delivering' | 'delivered' | 'failed';
  attempts: number;
  next_attempt_at: string;
  /** While 'delivering': when another worker may take the row over (its sender died). */
  locked_until: string | null;
  last_status_code: number | null;
  last_error: string | null;
  created_at: string;
  delivered_at: string | null;
}

/** A wire feed we poll (rss, atom, ninjs) or that ninjs files are posted to. */
export interface IngestSourceTable {
  id: Generated<number>;
  name: string;
  kind: 'rss' | 'atom' | 'ninjs';
  /** Null for a ninjs source that is only posted to. */
  url: string | null;
  edition: string;
  section: string;
  etag: string | null;
  last_modified: string | null;
  next_poll_at: string;
  /** Failed polls in a row; the wait before the next one doubles with each. */
  failures: number;
  last_error: string | null;
  last_polled_at: string | null;
  created_by: number | null;
  created_at: string;
}

/** The incoming queue: one row per wire item, unique per source by guid. */
export interface IngestItemTable {
  id: Generated<number>;
  source_id: number;
  guid: string;
  title: string;
  summary: string | null;
  link: string | null;
  published_at: string;
  updated_at: string | null;
  /** JSON: the article in our import format, as a draft. */
  payload: string;
  status: 'new' | 'adopted' | 'dismissed';
  adopted_article_id: number | null;
  created_at: string;
  /** 1: a flash (ninjs urgency 1, or a feed category flash/breaking/urgent/alerte): offered as an alert. */
  flash: Generated<number>;
}

/** The CDN purge outbox: keys to purge, written in the transaction of the change (src/cdn/). */
/** The surrogate keys each content version changed (the newest versions only): what page caches drop. */
export interface ContentChangeTable {
  version: number;
  /** Space-separated surrogate keys, MISS_KEY included. */
  keys: string;
}

export interface CdnPurgeTable {
  id: Generated<number>;
  /** Space-separated surrogate keys. */
  keys: string;
  status: 'pending' | 'sending' | 'failed';
  /** When the next round may be sent: at once, after the nodes' poll interval, or when an embargo ends. */
  due_at: string;
  /** Sends still to make: a purge is sent twice, the second after every node's page cache has emptied. */
  rounds: number;
  attempts: number;
  /** While 'sending': when another worker may take the row over (its sender died). */
  locked_until: string | null;
  last_error: string | null;
  created_at: string;
}

/** A media file being written (src/media/media-ledger.ts): removed once a committed row names it, swept otherwise. */
export interface MediaWriteTable {
  id: Generated<number>;
  key: string;
  created_at: string;
}

/** The search index: one row per article, keyed by its time key (src/search/time-key.ts). Terms are in search_documents_fts. */
export interface SearchDocumentTable {
  id: number;
  article_id: number;
  edition: string;
  status: string;
  section_id: number;
  /** article | video | wire */
  kind: string;
}

/** Tags, quoted people and authors in the search index; id = ref_id * 4 + kind code (src/search/names-index.ts). */
export interface SearchNameTable {
  id: number;
  kind: string;
  ref_id: number;
  /** A tag's edition; null for people and authors, who belong to every edition. */
  edition: string | null;
}

/** One entry of a live article; its own record, so reporters posting at once never conflict. */
export interface LiveEntryTable {
  id: Generated<number>;
  article_id: number;
  status: 'draft' | 'published';
  /** The time readers see; for a draft, when it was written (set again when it is published). */
  posted_at: string;
  title: string | null;
  author_id: number | null;
  /** The wire source of an entry made from a wire item. */
  source_name: string | null;
  source_url: string | null;
  /** JSON: StoredBlock[]. */
  body: string;
  pinned: Generated<number>;
  key_point: Generated<number>;
  /** Set when the entry was corrected: the public note. */
  correction: string | null;
  /** Bumped by every save of this entry: its own version check (If-Match). */
  version: Generated<number>;
  owner_id: number | null;
  owner_token_id: number | null;
  ingest_item_id: number | null;
  /** The full article made from this entry. */
  article_draft_id: number | null;
  created_at: string;
  /** The last change readers see. */
  updated_at: string | null;
}

/** What readers' pages are told, in order; the id is the event stream's event id. */
export interface LiveEventTable {
  id: Generated<number>;
  article_id: number;
  entry_id: number;
  kind: 'published' | 'updated' | 'deleted';
  at: string;
}

export interface AlertTable {
  id: Generated<number>;
  text: string;
  url: string | null;
  level: 'breaking' | 'urgent' | 'info';
  /** JSON: edition codes. */
  editions: string;
  starts_at: string;
  expires_at: string | null;
  ended_at: string | null;
  /** The wire flash it was made from. */
  ingest_item_id: number | null;
  created_by: string;
  created_at: string;
}

export interface PushSubscriptionTable {
  id: Generated<number>;
  endpoint: string;
  p256dh: string;
  auth: string;
  edition: string;
  /** 1: breaking-news alerts. */
  alerts: Generated<number>;
  /** 1: key points of the lives the newsroom sends. */
  lives: Generated<number>;
  failures: Generated<number>;
  created_at: string;
  last_sent_at: string | null;
}

/** One notification to every matching subscription, sent a batch at a time from `cursor`. */
export interface PushJobTable {
  id: Generated<number>;
  kind: 'alert' | 'entry';
  edition: string;
  /** JSON: the notification (title, body, url, tag). */
  payload: string;
  status: 'pending' | 'done';
  cursor: Generated<number>;
  sent: Generated<number>;
  failed: Generated<number>;
  removed: Generated<number>;
  locked_until: string | null;
  created_at: string;
  finished_at: string | null;
  /** When the job may be sent (null: at once); an alert that starts later is pushed when it starts. */
  due_at: string | null;
  /** The alert an alert job announces: a job whose alert ended or expired before it was sent is dropped. */
  alert_id: number | null;
}

/** Values the site generates once and keeps, such as the VAPID key pair. */
export interface SiteSecretTable {
  key: string;
  value: string;
  created_at: string;
}

/** One uploaded video and what the worker made of it (docs/video.md). */
export interface VideoTable {
  id: Generated<number>;
  edition: string;
  slug: string;
  section_id: number | null;
  /** draft | published: whether its own page is public. */
  status: Generated<string>;
  published_at: string | null;
  title: string;
  description: string | null;
  credit: string | null;
  copyright: string | null;
  licence: string | null;
  /** The language spoken (BCP 47); the publishing checks want subtitles in it. */
  language: string;
  /** JSON: VideoChapter[]. */
  chapters: Generated<string>;
  source_key: string | null;
  source_name: string | null;
  /** bigint: PostgreSQL answers it as a string; read it with Number(). */
  source_bytes: number | string | null;
  /** JSON: VideoProbe. */
  probe: string | null;
  width: number | null;
  height: number | null;
  duration_ms: number | null;
  /** waiting | transcoding | ready | failed. */
  state: Generated<string>;
  /** 0–100 while transcoding. */
  progress: Generated<number>;
  /** Why the transcode failed, in words an editor can act on. */
  error: string | null;
  /** JSON: Rendition[]. */
  renditions: Generated<string>;
  hls_key: string | null;
  mp4_key: string | null;
  sprite_key: string | null;
  sprite_vtt_key: string | null;
  poster_image_id: number | null;
  poster_at_ms: number | null;
  version: Generated<number>;
  created_by: number | null;
  created_by_token: number | null;
  created_at: string;
  updated_at: string;
  /** The tus upload it came from, if any (migration 0131). */
  upload_id: string | null;
}

/** The worker's video queue: one claim at a time per job, steps recorded as they finish. */
export interface VideoJobTable {
  id: Generated<number>;
  video_id: number;
  /** transcode | poster. */
  kind: string;
  /** waiting | working | done | failed. */
  status: string;
  /** JSON: string[], the finished steps. */
  steps: Generated<string>;
  /** JSON: the job's own parameters (a poster's time). */
  params: string | null;
  progress: Generated<number>;
  attempts: Generated<number>;
  error: string | null;
  claimed_by: string | null;
  locked_until: string | null;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
}

export interface VideoSubtitleTable {
  id: Generated<number>;
  video_id: number;
  language: string;
  label: string | null;
  /** The WebVTT text, validated. */
  vtt: string;
  cues: Generated<number>;
  /** The published .vtt file (content-addressed media key). */
  key: string | null;
  updated_at: string;
  updated_by: number | null;
}

/** An edition's live channel. */
export interface ChannelTable {
  edition: string;
  name: string;
  /** JSON: string[], HLS URLs, the first preferred. */
  streams: Generated<string>;
  enabled: Generated<number>;
  schedule_url: string | null;
  schedule_channel: string | null;
  schedule_poll_minutes: Generated<number>;
  schedule_polled_at: string | null;
  schedule_error: string | null;
  /** A worker polling the schedule URL holds this lease. */
  schedule_locked_until: string | null;
  updated_at: string;
}

export interface ShowTable {
  id: Generated<number>;
  edition: string;
  slug: string;
  title: string;
  description: string | null;
  image_id: number | null;
  created_at: string;
  updated_at: string;
}

/** One broadcast in the schedule; an episode of its show. Times are UTC ISO 8601. */
export interface ProgrammeTable {
  id: Generated<number>;
  edition: string;
  show_id: number | null;
  title: string;
  episode_title: string | null;
  description: string | null;
  starts_at: string;
  ends_at: string;
  season: number | null;
  episode: number | null;
  category: string | null;
  /** The replay. */
  video_id: number | null;
  /** xmltv | admin. */
  source: string;
  created_at: string;
  updated_at: string;
}

export interface ProgrammeArticleTable {
  programme_id: number;
  article_id: number;
}

export interface Database {
  editions: EditionTable;
  sections: SectionTable;
  tags: TagTable;
  people: PersonTable;
  person_roles: PersonRoleTable;
  menu_items: MenuItemTable;
  pages: PageTable;
  slug_aliases: SlugAliasTable;
  authors: AuthorTable;
  images: ImageTable;
  articles: ArticleTable;
  article_tags: ArticleTagTable;
  article_authors: ArticleAuthorTable;
  article_people: ArticlePersonTable;
  archive_months: ArchiveMonthTable;
  site_state: SiteStateTable;
  users: UserTable;
  sessions: SessionTable;
  api_tokens: ApiTokenTable;
  login_attempts: LoginAttemptTable;
  article_revisions: ArticleRevisionTable;
  audit_log: AuditLogTable;
  home_slots: HomeSlotTable;
  slug_history: SlugHistoryTable;
  redirects: RedirectTable;
  webhook_subscribers: WebhookSubscriberTable;
  webhook_deliveries: WebhookDeliveryTable;
  ingest_sources: IngestSourceTable;
  ingest_items: IngestItemTable;
  cdn_purges: CdnPurgeTable;
  content_changes: ContentChangeTable;
  media_writes: MediaWriteTable;
  search_documents: SearchDocumentTable;
  search_names: SearchNameTable;
  live_entries: LiveEntryTable;
  live_events: LiveEventTable;
  alerts: AlertTable;
  push_subscriptions: PushSubscriptionTable;
  push_jobs: PushJobTable;
  site_secrets: SiteSecretTable;
  videos: VideoTable;
  video_jobs: VideoJobTable;
  video_subtitles: VideoSubtitleTable;
  channels: ChannelTable;
  shows: ShowTable;
  programmes: ProgrammeTable;
  programme_articles: ProgrammeArticleTable;
}

export type EditionRow = Selectable<EditionTable>;
export type SectionRow = Selectable<SectionTable>;
export type ImageRow = Selectable<ImageTable>;
export type ArticleRow = Selectable<ArticleTable>;
export type VideoRow = Selectable<VideoTable>;
export type ProgrammeRow = Selectable<ProgrammeTable>;
export type NewArticle = Insertable<ArticleTable>;
