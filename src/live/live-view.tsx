import type { ArticlePage } from '../content/article.repository.ts';
import type { StoredBlock } from '../content/blocks.ts';
import { paths } from '../content/paths.ts';
import { Block } from '../render/blocks.tsx';
import type { EditionContext } from '../render/context.ts';
import type { PictureImage } from '../render/picture.tsx';
import type { VideoView } from '../video/video-view.ts';
import type { EntryOrder, PublicEntry } from './live-entries.repository.ts';
import { alertLabels } from '../alerts/alert-labels.ts';
import { liveLabelsFor } from './live-labels.ts';

/** Where an entry's page lives: its live's edition, section and slug. */
export interface LivePlace {
  edition: string;
  section: string;
  slug: string;
}

/** The anchor of an entry on its live's page. */
export const entryAnchor = (id: number) => `entree-${id}`;

const timeFormats = new Map<string, { time: Intl.DateTimeFormat; day: Intl.DateTimeFormat }>();

/** An entry's time as a live shows it: "10:30 UTC+1", and its day, in the edition's time zone. */
export function entryTime(ctx: EditionContext, iso: string): { time: string; day: string } {
  const k = `${ctx.edition.code} ${ctx.edition.time_zone}`;
  let f = timeFormats.get(k);
  if (!f) {
    const timeZone = ctx.edition.time_zone;
    f = {
      time: new Intl.DateTimeFormat(ctx.edition.code, { hour: '2-digit', minute: '2-digit', timeZoneName: 'short', timeZone }),
      day: new Intl.DateTimeFormat(ctx.edition.code, { day: 'numeric', month: 'long', year: 'numeric', timeZone }),
    };
    timeFormats.set(k, f);
  }
  const d = new Date(iso);
  return { time: f.time.format(d), day: f.day.format(d) };
}

/** The plain text of blocks: for sharing cards, structured data and feeds. */
export function blocksText(body: StoredBlock[]): string {
  const parts: string[] = [];
  for (const b of body) {
    if (b.type === 'paragraph') parts.push(b.content ? b.content.map((r) => r.text).join('') : (b.text ?? ''));
    else if (b.type === 'heading' || b.type === 'pullquote') parts.push(b.text);
    else if (b.type === 'quote') parts.push(`« ${b.text} » — ${b.speaker.name}`);
    else if (b.type === 'list') parts.push(b.items.join(' ; '));
    else if (b.type === 'figure' && b.caption) parts.push(b.caption);
  }
  return parts.join('\n\n').trim();
}

/** A headline for an entry without a title: its first words. */
export function entryHeadline(e: PublicEntry, max = 110): string {
  if (e.title) return e.title;
  const text = blocksText(e.body).replace(/\s+/g, ' ');
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), max / 2))}…`;
}

export function entryPermalink(place: LivePlace, id: number): string {
  return paths.liveEntry(place.edition, place.section, place.slug, id);
}

/**
 * One entry, the same markup on the page, in its event stream and in the
 * pinned list (`copy`: without the anchor, which the chronological one keeps).
 */
export function EntryView({ ctx, entry, place, images, videos, copy = false, target = false }: {
  ctx: EditionContext;
  entry: PublicEntry;
  place: LivePlace;
  images: Map<number, PictureImage>;
  /** The ready library videos its video blocks name (loadVideoViews): each is the site's player. */
  videos?: Map<number, VideoView>;
  copy?: boolean;
  target?: boolean;
}) {
  const L = liveLabelsFor(ctx.language);
  const { t } = ctx;
  const when = entryTime(ctx, entry.postedAt);
  const link = entryPermalink(place, entry.id);
  const cls = ['live-entry', entry.keyPoint && 'is-key', entry.pinned && 'is-pinned', target && 'is-target'].filter(Boolean).join(' ');
  return (
    <article class={cls} id={copy ? undefined : entryAnchor(entry.id)} data-entry={entry.id} aria-labelledby={copy ? undefined : `${entryAnchor(entry.id)}-t`}>
      <header class="live-entry-head">
        <time datetime={entry.postedAt} id={copy ? undefined : `${entryAnchor(entry.id)}-t`}>
          <span class="live-entry-time">{when.time}</span> <span class="live-entry-day">{when.day}</span>
        </time>
        {entry.keyPoint && <span class="live-entry-flag">{L.keyPoint}</span>}
      </header>
      {entry.title && <h3 class="live-entry-title">{t(entry.title)}</h3>}
      <div class="live-entry-body">
        {entry.body.map((b) => (
          <Block block={b} ctx={ctx} images={images} videos={videos} />
        ))}
      </div>
      {entry.correction && (
        <p class="live-entry-correction">
          <strong>{L.corrected}</strong> {t(entry.correction)}
        </p>
      )}
      <footer class="live-entry-foot">
        {entry.author ? (
          <span class="live-entry-by">
            {L.entryBy} {entry.author}
          </span>
        ) : entry.source ? (
          <span class="live-entry-by">
            {ctx.labels.source}{' '}
            {entry.source.url ? (
              <a href={entry.source.url} rel="noopener">
                {entry.source.name}
              </a>
            ) : (
              entry.source.name
            )}
          </span>
        ) : null}
        <a class="live-entry-link" href={link}>
          {L.permalink}
        </a>
      </footer>
    </article>
  );
}

export interface LiveSectionsProps {
  ctx: EditionContext;
  article: ArticlePage;
  place: LivePlace;
  images: Map<number, PictureImage>;
  /** The ready library videos the entries show. */
  videos?: Map<number, VideoView>;
  flagged: PublicEntry[];
  entries: PublicEntry[];
  order: EntryOrder;
  page: number;
  hasMore: boolean;
  /** The newest event the page shows: the stream continues from it. */
  lastEventId: number;
  /** The entry a permalink opened. */
  target?: number;
}

/**
 * "Suivre ce direct": on a running live whose key points go out by web push.
 * Hidden until public/alerts.js finds the browser can subscribe (so nothing
 * shows with JavaScript off, as the footer's alerts button); nothing asks for
 * permission until the reader presses it. Following is for every live of the
 * edition sent by push (the subscription's `lives`), as the wording says.
 */
export function FollowButton({ ctx }: { ctx: EditionContext }) {
  const L = liveLabelsFor(ctx.language);
  const w = alertLabels(ctx.language);
  return (
    <p class="live-follow" hidden data-edition={ctx.edition.code} data-push-choice="lives" data-on={L.follow} data-off={L.unfollow} data-done={L.followDone} data-denied={w.pushDenied} data-unsupported={w.pushUnsupported}>
      <button type="button" class="live-follow-button" aria-pressed="false">
        {L.follow}
      </button>{' '}
      <span class="live-follow-status" role="status"></span>
    </p>
  );
}

/** The "EN DIRECT" label of a running live; nothing once it ended. */
export function LiveLabel({ ctx, article }: { ctx: EditionContext; article: ArticlePage }) {
  if (article.live_ended_at) return null;
  return (
    <p class="live-label">
      <span class="live-dot" aria-hidden="true"></span>
      {liveLabelsFor(ctx.language).live}
    </p>
  );
}

/** Key points, pinned entries, then the entries with the order switch and pagination. */
export function LiveSections(p: LiveSectionsProps) {
  const { ctx, place, images, videos } = p;
  const L = liveLabelsFor(ctx.language);
  const base = paths.article(place.edition, place.section, place.slug);
  const shown = new Set(p.entries.map((e) => e.id));
  const keyPoints = p.flagged.filter((e) => e.keyPoint);
  const pinned = p.flagged.filter((e) => e.pinned);
  const href = (order: EntryOrder, page: number) => {
    const q = new URLSearchParams();
    if (order === 'oldest') q.set('order', 'oldest');
    if (page > 1) q.set('page', String(page));
    const s = q.toString();
    return s ? `${base}?${s}` : base;
  };
  const active = p.order === 'newest' && p.page === 1;
  return (
    <div class="live">
      {p.target !== undefined && (
        <p class="live-skip">
          <a href={`#${entryAnchor(p.target)}`}>{L.goToEntry}</a>
        </p>
      )}
      {p.article.live_ended_at && <p class="live-ended">{L.ended}</p>}
      {p.article.live_push === 1 && !p.article.live_ended_at && <FollowButton ctx={ctx} />}
      {keyPoints.length > 0 && (
        <section class="live-keypoints" aria-labelledby="live-keypoints-title">
          <h2 id="live-keypoints-title">{L.keyPoints}</h2>
          <ul>
            {keyPoints.map((e) => (
              <li>
                <a href={shown.has(e.id) ? `#${entryAnchor(e.id)}` : entryPermalink(place, e.id)}>{ctx.t(entryHeadline(e))}</a>
              </li>
            ))}
          </ul>
        </section>
      )}
      {pinned.length > 0 && (
        <section class="live-pinned" aria-labelledby="live-pinned-title">
          <h2 id="live-pinned-title">{L.pinned}</h2>
          {pinned.map((e) => (
            <EntryView ctx={ctx} entry={e} place={place} images={images} videos={videos} copy />
          ))}
        </section>
      )}
      <section
        class="live-feed"
        aria-labelledby="live-feed-title"
        data-events={paths.liveEvents(place.edition, place.section, place.slug)}
        data-last-event={String(p.lastEventId)}
        data-active={active && !p.article.live_ended_at ? 'true' : 'false'}
        data-new-entries={L.newEntries(2).replace('2', '{n}')}
        data-new-entry={L.newEntries(1)}
      >
        <div class="live-feed-head">
          <h2 id="live-feed-title">{L.entries}</h2>
          <nav class="live-order" aria-label={L.entries}>
            <a href={href('newest', 1)} aria-current={p.order === 'newest' ? 'true' : undefined}>
              {L.newestFirst}
            </a>
            <a href={href('oldest', 1)} aria-current={p.order === 'oldest' ? 'true' : undefined}>
              {L.oldestFirst}
            </a>
          </nav>
        </div>
        <div class="live-new" aria-live="polite"></div>
        <div class="live-entries">
          {p.entries.map((e) => (
            <EntryView ctx={ctx} entry={e} place={place} images={images} videos={videos} target={e.id === p.target} />
          ))}
        </div>
        {(p.hasMore || p.page > 1) && (
          <nav class="live-pages" aria-label={ctx.labels.pagination}>
            {p.page > 1 && <a href={href(p.order, 1)}>{p.order === 'newest' ? L.latest : L.oldestFirst}</a>}
            {p.hasMore && (
              <a href={href(p.order, p.page + 1)} rel="next">
                {p.order === 'newest' ? L.earlier : L.later}
              </a>
            )}
          </nav>
        )}
      </section>
    </div>
  );
}
