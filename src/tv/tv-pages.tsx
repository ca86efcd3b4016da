import { h, type VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { paths } from '../content/paths.ts';
import { key as cdnKey, type ResponseKeys } from '../cdn/keys.ts';
import { NotFound } from '../errors.ts';
import type { EditionContext } from '../render/context.ts';
import { Layout } from '../render/layout.tsx';
import { Picture } from '../render/picture.tsx';
import { largestJpeg } from '../render/social-image.ts';
import type { Db } from '../store/db.ts';
import { isDay } from '../search/search-filters.ts';
import { VideoPlayer } from '../video/video-player.tsx';
import { addDays, dayIn, dayWindow, programmeQuery, programmesBetween, type ProgrammeView } from './schedule.service.ts';
import { tvLabelsFor, type TvLabels } from './tv-labels.ts';
import { tvKey } from './tv-keys.ts';

/**
 * The reader pages of the live channel (src/tv/): the live page with the
 * player, what is on now and next and the day's schedule; the schedule of one
 * day in the edition's time zone; a show's page with its episodes. Functions of
 * the store and the clock, no HTTP; each answers its HTML, its surrogate keys,
 * and whether it changes with the clock (`clock`: the live page and today's
 * schedule show "now", so they are kept a short while only).
 */

export interface TvPageDeps {
  db: Db;
  now: () => Date;
}

export interface TvPage {
  html: string;
  keys: ResponseKeys;
  /** The page shows what is on now: a CDN keeps it a minute, not a day. */
  clock: boolean;
  /** The stream the page plays, whose host the page's Content-Security-Policy must allow. */
  stream?: string;
}

function doc(vnode: VNode<any>): string {
  return '<!DOCTYPE html>' + renderToString(vnode);
}

// ------------------------------------------------------------ time formats

const formats = new Map<string, Intl.DateTimeFormat>();
function format(language: string, timeZone: string, kind: 'time' | 'day'): Intl.DateTimeFormat {
  const k = `${language}\0${timeZone}\0${kind}`;
  let f = formats.get(k);
  if (!f) {
    f =
      kind === 'time'
        ? // The zone's name on every time: on a day the clocks go back, 02:30 happens twice (UTC+2, then UTC+1).
          new Intl.DateTimeFormat(language, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone, timeZoneName: 'short' })
        : new Intl.DateTimeFormat(language, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
    formats.set(k, f);
  }
  return f;
}

/** "20:30 UTC+1": a programme's time in the edition's zone, with the zone. */
export function timeLabel(ctx: EditionContext, iso: string): string {
  return format(ctx.edition.code, ctx.edition.time_zone, 'time').format(new Date(iso));
}

/** "dimanche 25 octobre 2026": a calendar day (YYYY-MM-DD) as words. */
function dayLabel(ctx: EditionContext, day: string): string {
  return format(ctx.edition.code, 'UTC', 'day').format(new Date(`${day}T12:00:00Z`));
}

/** "Paris (Europe/Paris)": the zone the page's times are in. */
function zoneName(timeZone: string): string {
  const city = timeZone.split('/').at(-1)!.replace(/_/g, ' ');
  return city === timeZone ? timeZone : `${city} (${timeZone})`;
}

// ------------------------------------------------------------ structured data

function broadcastService(ctx: EditionContext, name: string) {
  return { '@type': 'BroadcastService', name, broadcastDisplayName: name, url: ctx.abs(paths.direct(ctx.edition.code)), inLanguage: ctx.edition.code };
}

/** A programme as schema.org has it: a broadcast of an episode of a series. */
function broadcastEvent(ctx: EditionContext, p: ProgrammeView, channel: string) {
  const series = p.show_slug ? { '@type': 'TVSeries', name: p.show_title, url: ctx.abs(paths.show(ctx.edition.code, p.show_slug)) } : undefined;
  return {
    '@context': 'https://schema.org',
    '@type': 'BroadcastEvent',
    name: p.episode_title ? `${p.title} – ${p.episode_title}` : p.title,
    ...(p.description ? { description: p.description } : {}),
    startDate: p.starts_at,
    endDate: p.ends_at,
    isLiveBroadcast: true,
    inLanguage: ctx.edition.code,
    publishedOn: broadcastService(ctx, channel),
    ...(series ? { workPerformed: { '@type': 'TVEpisode', name: p.episode_title ?? p.title, ...episodeNumbers(p), partOfSeries: series } } : {}),
  };
}

function episodeNumbers(p: { season: number | null; episode: number | null }) {
  return {
    ...(p.episode !== null ? { episodeNumber: p.episode } : {}),
    ...(p.season !== null ? { partOfSeason: { '@type': 'TVSeason', seasonNumber: p.season } } : {}),
  };
}

// ------------------------------------------------------------ shared parts

function channelName(ctx: EditionContext): string {
  return ctx.catalog.channel(ctx.edition.code)?.name ?? ctx.edition.name;
}

/** One programme in a list: its time, title, episode, and links to its show. */
function ProgrammeItem({ ctx, p, l, day, now }: { ctx: EditionContext; p: ProgrammeView; l: TvLabels; day?: { from: string; to: string }; now: string }) {
  const on = p.starts_at <= now && now < p.ends_at;
  const before = day && p.starts_at < day.from;
  const after = day && p.ends_at > day.to;
  return (
    <li class={`programme${on ? ' programme--now' : ''}`} aria-current={on ? 'time' : undefined}>
      <p class="programme__time">
        <time datetime={p.starts_at}>{timeLabel(ctx, p.starts_at)}</time>
        {' – '}
        <time datetime={p.ends_at}>{timeLabel(ctx, p.ends_at)}</time>
        {on && <strong class="programme__on"> {l.onNow}</strong>}
      </p>
      <h3 class="programme__title">{p.show_slug ? <a href={paths.show(ctx.edition.code, p.show_slug)}>{ctx.t(p.title)}</a> : ctx.t(p.title)}</h3>
      {p.episode_title && <p class="programme__episode">{ctx.t(p.episode_title)}</p>}
      {(p.season !== null || p.episode !== null) && <p class="programme__number">{l.episodeNumber(p.season, p.episode)}</p>}
      {p.description && <p class="programme__desc">{ctx.t(p.description)}</p>}
      {before && <p class="programme__crossing">{l.startedBefore(timeLabel(ctx, p.starts_at))}</p>}
      {after && <p class="programme__crossing">{l.endsNextDay(timeLabel(ctx, p.ends_at))}</p>}
    </li>
  );
}

function ProgrammeList({ ctx, rows, l, day, now }: { ctx: EditionContext; rows: ProgrammeView[]; l: TvLabels; day?: { from: string; to: string }; now: string }) {
  if (!rows.length) return <p>{l.noProgrammes}</p>;
  return (
    <ol class="programmes">
      {rows.map((p) => (
        <ProgrammeItem ctx={ctx} p={p} l={l} day={day} now={now} />
      ))}
    </ol>
  );
}

// ------------------------------------------------------------ the live page

/** /fr/direct: the player with the first stream, what is on now and next, and today's schedule; or that the channel is off air. */
export async function livePage(deps: TvPageDeps, ctx: EditionContext): Promise<TvPage> {
  const code = ctx.edition.code;
  const l = tvLabelsFor(code);
  const now = deps.now();
  const at = now.toISOString();
  const today = dayIn(now, ctx.edition.time_zone);
  const window = dayWindow(today, ctx.edition.time_zone);
  const rows = await programmesBetween(deps.db, code, window.from < at ? window.from : at, window.to > at ? window.to : at);
  const current = rows.find((p) => p.starts_at <= at && at < p.ends_at);
  const upcoming = await deps.db
    .selectFrom('programmes as p')
    .leftJoin('shows as s', 's.id', 'p.show_id')
    .select(['p.id', 'p.title', 'p.episode_title', 'p.starts_at', 'p.ends_at', 's.slug as show_slug'])
    .where('p.edition', '=', code)
    .where('p.starts_at', '>=', current?.ends_at ?? at)
    .orderBy('p.starts_at')
    .limit(1)
    .executeTakeFirst();
  const channel = ctx.catalog.channel(code);
  const name = channelName(ctx);
  const title = `${l.live} – ${name}`;
  const jsonLd: object[] = [];
  if (channel?.onAir) {
    jsonLd.push(
      current
        ? broadcastEvent(ctx, current, name)
        : { '@context': 'https://schema.org', '@type': 'BroadcastEvent', name, isLiveBroadcast: true, startDate: at, publishedOn: broadcastService(ctx, name) },
    );
  }
  const nowNext = (label: string, p: { title: string; episode_title: string | null; starts_at: string; ends_at: string; show_slug: string | null } | undefined) => (
    <div class="now-next__item">
      <h2>{label}</h2>
      {p ? (
        <p>
          <time datetime={p.starts_at}>{timeLabel(ctx, p.starts_at)}</time>
          {' – '}
          <time datetime={p.ends_at}>{timeLabel(ctx, p.ends_at)}</time>
          {' · '}
          {p.show_slug ? <a href={paths.show(code, p.show_slug)}>{ctx.t(p.title)}</a> : ctx.t(p.title)}
          {p.episode_title && <span class="now-next__episode">{` – ${ctx.t(p.episode_title)}`}</span>}
        </p>
      ) : (
        <p>{l.nothingNow}</p>
      )}
    </div>
  );
  const todays = rows.filter((p) => p.starts_at < window.to && p.ends_at > window.from);
  const html = doc(
    <Layout ctx={ctx} meta={{ title, canonical: ctx.abs(paths.direct(code)), description: l.watchLive(name), jsonLd, player: Boolean(channel?.onAir), extraAssets: { css: ctx.assets.pages?.tv } }}>
      <div class="tv-live">
        <h1>{title}</h1>
        {channel?.onAir ? <VideoPlayer ctx={ctx} source={{ title: l.watchLive(name), hlsUrl: channel.streams[0]! }} live caption={name} /> : <p class="tv-live__off">{l.offAir}</p>}
        <section class="now-next" aria-label={`${l.now}, ${l.next}`}>
          {nowNext(l.now, current)}
          {nowNext(l.next, upcoming)}
        </section>
        <section aria-labelledby="tv-today">
          <h2 id="tv-today">{l.todaySchedule}</h2>
          <p class="tv-zone">{l.timesIn(zoneName(ctx.edition.time_zone))}</p>
          <ProgrammeList ctx={ctx} rows={todays} l={l} day={window} now={at} />
          <p>
            <a href={`${paths.schedule(code)}?date=${today}`}>{l.fullSchedule}</a>
          </p>
        </section>
      </div>
    </Layout>,
  );
  return { html, keys: { own: [tvKey.schedule(code), cdnKey.edition(code)] }, clock: true, ...(channel?.onAir ? { stream: channel.streams[0] } : {}) };
}

// ------------------------------------------------------------ the schedule

/** Whether `date` names a day the schedule page can show: YYYY-MM-DD, a real day, years 1970 to 2999. */
export function scheduleDay(date: string): boolean {
  return isDay(date) && date >= '1970-01-01' && date <= '2999-12-30';
}

/**
 * /fr/programmes?date=YYYY-MM-DD: the programmes running at some moment of
 * that day in the edition's time zone (a day of 23 or 25 hours when the
 * clocks change). A programme crossing midnight is listed on both days: where
 * it starts, marked as going on the next day, and at the top of the next day,
 * marked as started the day before.
 */
export async function schedulePage(deps: TvPageDeps, ctx: EditionContext, date: string | undefined): Promise<TvPage> {
  const code = ctx.edition.code;
  const l = tvLabelsFor(code);
  const now = deps.now();
  const at = now.toISOString();
  const today = dayIn(now, ctx.edition.time_zone);
  const day = date ?? today;
  const window = dayWindow(day, ctx.edition.time_zone);
  const rows = await programmesBetween(deps.db, code, window.from, window.to);
  const name = channelName(ctx);
  const title = `${l.scheduleOf(dayLabel(ctx, day))} – ${name}`;
  const link = (d: string) => `${paths.schedule(code)}?date=${d}`;
  const prev = addDays(day, -1);
  const next = addDays(day, 1);
  const html = doc(
    <Layout ctx={ctx} meta={{ title, canonical: ctx.abs(link(day)), jsonLd: rows.slice(0, 200).map((p) => broadcastEvent(ctx, p, name)), extraAssets: { css: ctx.assets.pages?.tv } }}>
      <div class="tv-schedule">
        <h1>{l.scheduleOf(dayLabel(ctx, day))}</h1>
        <nav class="tv-days" aria-label={l.days}>
          <ul>
            {scheduleDay(prev) && (
              <li>
                <a href={link(prev)} rel="prev">
                  {l.previousDay}
                </a>
              </li>
            )}
            {day !== today && (
              <li>
                <a href={link(today)}>{l.today}</a>
              </li>
            )}
            {scheduleDay(next) && (
              <li>
                <a href={link(next)} rel="next">
                  {l.nextDay}
                </a>
              </li>
            )}
          </ul>
        </nav>
        <p class="tv-zone">{l.timesIn(zoneName(ctx.edition.time_zone))}</p>
        <ProgrammeList ctx={ctx} rows={rows} l={l} day={window} now={at} />
      </div>
    </Layout>,
  );
  // Only the day running now shows what is on now; other days change with the schedule alone.
  return { html, keys: { own: [tvKey.schedule(code), cdnKey.edition(code)] }, clock: day === today };
}

/** The page a schedule address with a day that is not one gets (answered 400). */
export function badDatePage(ctx: EditionContext): string {
  const l = tvLabelsFor(ctx.language);
  const today = `${paths.schedule(ctx.edition.code)}`;
  return doc(
    <Layout ctx={ctx} meta={{ title: `${l.badDateTitle} – ${ctx.edition.name}`, robots: 'noindex' }}>
      <div class="error-page">
        <h1>{l.badDateTitle}</h1>
        <p>{ctx.t(l.badDateText)}</p>
        <p>
          <a href={today}>{l.schedule}</a>
        </p>
      </div>
    </Layout>,
  );
}

// ------------------------------------------------------------ a show

const EPISODES = 50;

/** /fr/emission/<slug>: the show, its coming broadcasts and its past ones, each with its replay and articles when they exist. */
export async function showPage(deps: TvPageDeps, ctx: EditionContext, slug: string): Promise<TvPage> {
  const code = ctx.edition.code;
  const l = tvLabelsFor(code);
  const at = deps.now().toISOString();
  const show = await deps.db.selectFrom('shows').selectAll().where('edition', '=', code).where('slug', '=', slug).executeTakeFirst();
  if (!show) throw new NotFound('no such show');
  const base = () => programmeQuery(deps.db).where('p.show_id', '=', show.id);
  const [upcoming, past] = await Promise.all([
    base().where('p.ends_at', '>', at).orderBy('p.starts_at').limit(EPISODES).execute(),
    base().where('p.ends_at', '<=', at).orderBy('p.starts_at', 'desc').limit(EPISODES).execute(),
  ]);
  const all = [...upcoming, ...past];
  const ids = all.map((p) => p.id);
  const videoIds = [...new Set(all.map((p) => p.video_id).filter((v): v is number => v !== null))];
  const [videos, articles, image] = await Promise.all([
    videoIds.length
      ? deps.db.selectFrom('videos').select(['id', 'slug', 'edition']).where('id', 'in', videoIds).where('status', '=', 'published').where('published_at', '<=', at).execute()
      : Promise.resolve([]),
    ids.length
      ? deps.db
          .selectFrom('programme_articles as pa')
          .innerJoin('articles as a', 'a.id', 'pa.article_id')
          .innerJoin('sections as sec', 'sec.id', 'a.section_id')
          .select(['pa.programme_id', 'a.id', 'a.edition', 'a.slug', 'a.headline', 'sec.slug as section'])
          .where('pa.programme_id', 'in', ids)
          .where('a.status', '=', 'published')
          .where('a.published_at', '<=', at)
          .orderBy('a.published_at', 'desc')
          .execute()
      : Promise.resolve([]),
    show.image_id ? deps.db.selectFrom('images').select(['id', 'original', 'variants', 'width', 'height', 'alt']).where('id', '=', show.image_id).executeTakeFirst() : Promise.resolve(undefined),
  ]);
  const videoOf = new Map(videos.map((v) => [v.id, v]));
  const articlesOf = new Map<number, typeof articles>();
  for (const a of articles) articlesOf.set(a.programme_id, [...(articlesOf.get(a.programme_id) ?? []), a]);
  const name = channelName(ctx);
  const url = ctx.abs(paths.show(code, show.slug));
  const episodeLd = (p: ProgrammeView) => {
    const v = p.video_id !== null ? videoOf.get(p.video_id) : undefined;
    return {
      '@type': 'TVEpisode',
      name: p.episode_title ?? p.title,
      ...(p.description ? { description: p.description } : {}),
      ...episodeNumbers(p),
      partOfSeries: { '@type': 'TVSeries', name: show.title, url },
      ...(v ? { url: ctx.abs(paths.video(v.edition, v.slug)) } : {}),
      publication: { '@type': 'BroadcastEvent', startDate: p.starts_at, endDate: p.ends_at, isLiveBroadcast: true, publishedOn: broadcastService(ctx, name) },
    };
  };
  const series = {
    '@context': 'https://schema.org',
    '@type': 'TVSeries',
    name: show.title,
    url,
    ...(show.description ? { description: show.description } : {}),
    ...(image ? { image: largestJpeg(ctx, image).url } : {}),
    inLanguage: code,
    episode: all.slice(0, 100).map(episodeLd),
  };
  const Episode = ({ p }: { p: ProgrammeView }) => {
    const v = p.video_id !== null ? videoOf.get(p.video_id) : undefined;
    const about = articlesOf.get(p.id) ?? [];
    return (
      <li class="programme">
        <p class="programme__time">
          <time datetime={p.starts_at}>{ctx.dates.short(p.starts_at)}</time>
          {', '}
          <time datetime={p.starts_at}>{timeLabel(ctx, p.starts_at)}</time>
          {' – '}
          <time datetime={p.ends_at}>{timeLabel(ctx, p.ends_at)}</time>
        </p>
        <h3 class="programme__title">{ctx.t(p.episode_title ?? p.title)}</h3>
        {(p.season !== null || p.episode !== null) && <p class="programme__number">{l.episodeNumber(p.season, p.episode)}</p>}
        {p.description && <p class="programme__desc">{ctx.t(p.description)}</p>}
        {v && (
          <p>
            <a class="programme__replay" href={paths.video(v.edition, v.slug)}>
              {l.replay}
            </a>
          </p>
        )}
        {about.length > 0 && (
          <div class="programme__articles">
            <p>{l.aboutIt}</p>
            <ul>
              {about.map((a) => (
                <li>
                  <a href={paths.article(a.edition, a.section, a.slug)}>{ctx.t(a.headline)}</a>
                </li>
              ))}
            </ul>
          </div>
        )}
      </li>
    );
  };
  const html = doc(
    <Layout ctx={ctx} meta={{ title: `${show.title} – ${name}`, canonical: url, description: show.description ?? undefined, jsonLd: [series], extraAssets: { css: ctx.assets.pages?.tv } }}>
      <div class="tv-show">
        <h1>{ctx.t(show.title)}</h1>
        {image && <Picture image={image} alt={image.alt} sizes="(min-width: 48rem) 40rem, 100vw" parse={ctx.variants} link={ctx.media} memo={ctx.markup} />}
        {show.description && <p class="tv-show__desc">{ctx.t(show.description)}</p>}
        <p class="tv-zone">{l.timesIn(zoneName(ctx.edition.time_zone))}</p>
        <section aria-labelledby="tv-upcoming">
          <h2 id="tv-upcoming">{l.upcoming}</h2>
          {upcoming.length ? (
            <ol class="programmes">
              {upcoming.map((p) => (
                <Episode p={p} />
              ))}
            </ol>
          ) : (
            <p>{l.noEpisodes}</p>
          )}
        </section>
        <section aria-labelledby="tv-past">
          <h2 id="tv-past">{l.past}</h2>
          {past.length ? (
            <ol class="programmes">
              {past.map((p) => (
                <Episode p={p} />
              ))}
            </ol>
          ) : (
            <p>{l.noEpisodes}</p>
          )}
        </section>
      </div>
    </Layout>,
  );
  // The schedule's key too: a programme added, moved or imported purges the show's page (imports name only that key).
  return {
    html,
    keys: { own: [tvKey.show(show.id), tvKey.schedule(code), cdnKey.edition(code), ...(image ? [cdnKey.media(image.id)] : [])], listed: articles.map((a) => cdnKey.article(a.id)), fallback: cdnKey.anyArticle(code) },
    // A broadcast moves from "coming up" to "past" when it ends, which no write marks.
    clock: true,
  };
}
