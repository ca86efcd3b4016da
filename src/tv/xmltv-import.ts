import { NotFound, ValidationFailed } from '../errors.ts';
import { FetchFailed, fetchLimited, POLL_DEFAULTS } from '../ingest/poller.ts';
import { audit } from '../newsroom/audit.ts';
import type { Actor } from '../newsroom/roles.ts';
import { bumpContentVersion } from '../store/content-version.ts';
import type { Db } from '../store/db.ts';
import { slugify } from '../content/slug.ts';
import { showForTitle } from './schedule.service.ts';
import { tvKey } from './tv-keys.ts';
import { parseXmltv, XMLTV_LIMITS, xmltvText, XmltvRefused, type XmltvLimits, type XmltvProgramme } from './xmltv.ts';

export interface ImportResult {
  edition: string;
  /** The XMLTV channel id taken from the file. */
  channel: string;
  /** The hours the file covers (UTC): imported programmes of the edition starting then were replaced. */
  from: string | null;
  to: string | null;
  imported: number;
  /** Former imported programmes removed (they started inside the window). */
  replaced: number;
  /** Programmes of the file left out because a programme edited in the newsroom covers their time. */
  keptAdmin: number;
  showsCreated: number;
  skipped: Array<{ index: number; reason: string }>;
}

const FETCH = { timeoutMs: 20_000 };

/** Fetches an XMLTV file: a time limit, and never more than the size cap read. Failures are XmltvRefused, naming why. */
export async function fetchXmltv(url: string, limits: XmltvLimits = XMLTV_LIMITS, timeoutMs = FETCH.timeoutMs): Promise<Uint8Array> {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new XmltvRefused(`not a URL: ${url.slice(0, 200)}`);
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new XmltvRefused('only http and https URLs are fetched');
  try {
    const got = await fetchLimited(u.toString(), { accept: 'application/xml, text/xml;q=0.9, */*;q=0.5', 'user-agent': 'Depeche-schedule/1' }, { ...POLL_DEFAULTS, timeoutMs, maxBytes: limits.maxBytes });
    return got.bytes;
  } catch (e) {
    if (e instanceof FetchFailed) throw new XmltvRefused(e.message);
    throw e;
  }
}

/** The one channel to take from a file: the one named, or the file's only one. */
function chooseChannel(programmes: XmltvProgramme[], declared: Array<{ id: string }>, wanted: string | null | undefined): string {
  const ids = [...new Set([...declared.map((c) => c.id), ...programmes.map((p) => p.channel)])];
  if (wanted) {
    if (!ids.includes(wanted)) throw new XmltvRefused(`the file has no channel "${wanted}"; it has ${ids.length ? ids.map((i) => `"${i}"`).join(', ') : 'none'}`);
    return wanted;
  }
  const used = [...new Set(programmes.map((p) => p.channel))];
  if (used.length === 1) return used[0]!;
  if (!used.length) throw new XmltvRefused('the file has no programme that can be read');
  throw new XmltvRefused(`the file has several channels (${used.map((i) => `"${i}"`).join(', ')}): name the one to import (--channel, or the schedule source's channel id)`);
}

const BATCH = 500;

/**
 * Imports one XMLTV file into an edition's schedule, in one transaction: the
 * edition's imported programmes that start inside the hours the file covers
 * are replaced by the file's; programmes edited in the newsroom
 * (`source = 'admin'`) are kept, and the file's programmes that would overlap
 * them are left out. Programmes join the show of their title (made when new).
 */
export async function importXmltv(
  deps: { db: Db; now: () => Date },
  input: { edition: string; bytes: Uint8Array; channel?: string | null; actor?: Actor; origin: string },
  limits: XmltvLimits = XMLTV_LIMITS,
): Promise<ImportResult> {
  const ed = await deps.db.selectFrom('editions').select(['code']).where('code', '=', input.edition).executeTakeFirst();
  if (!ed) throw new NotFound(`no edition ${input.edition}`);
  const doc = parseXmltv(xmltvText(input.bytes, limits), input.edition, limits);
  const channel = chooseChannel(doc.programmes, doc.channels, input.channel);
  const progs = doc.programmes.filter((p) => p.channel === channel).sort((a, b) => (a.startsAt < b.startsAt ? -1 : a.startsAt > b.startsAt ? 1 : 0));
  // Two programmes of the file at the same time: the first one given is kept.
  const chosen: XmltvProgramme[] = [];
  for (const p of progs) {
    const prev = chosen.at(-1);
    if (prev && p.startsAt < prev.endsAt) continue;
    chosen.push(p);
  }
  const dropped = progs.length - chosen.length;
  const from = chosen.length ? chosen[0]!.startsAt : null;
  const to = chosen.length ? chosen.reduce((m, p) => (p.endsAt > m ? p.endsAt : m), chosen[0]!.endsAt) : null;
  const at = deps.now().toISOString();
  const result = await deps.db.transaction().execute(async (trx) => {
    // First, not last: the bump takes the site_state row lock, so two imports at once (the worker's poll and
    // "Importer maintenant", or the command line) run one after the other, the second deleting what the first
    // inserted, rather than both inserting beside each other. Show pages carry the schedule's key too.
    await bumpContentVersion(trx, [tvKey.schedule(ed.code)]);
    let replaced = 0;
    let keptAdmin = 0;
    let imported = 0;
    let showsCreated = 0;
    if (from && to) {
      const admin = await trx.selectFrom('programmes').select(['starts_at', 'ends_at']).where('edition', '=', ed.code).where('source', '=', 'admin').where('starts_at', '<', to).where('ends_at', '>', from).execute();
      const old = trx.selectFrom('programmes').select('id').where('edition', '=', ed.code).where('source', '=', 'xmltv').where('starts_at', '>=', from).where('starts_at', '<', to);
      await trx.deleteFrom('programme_articles').where('programme_id', 'in', old).execute();
      const del = await trx.deleteFrom('programmes').where('edition', '=', ed.code).where('source', '=', 'xmltv').where('starts_at', '>=', from).where('starts_at', '<', to).executeTakeFirst();
      replaced = Number(del.numDeletedRows);
      const shows = new Map<string, number>();
      const rows = [];
      for (const p of chosen) {
        if (admin.some((a) => a.starts_at < p.endsAt && a.ends_at > p.startsAt)) {
          keptAdmin++;
          continue;
        }
        const slug = slugify(p.title, 120);
        let showId = shows.get(slug);
        if (showId === undefined) {
          const s = await showForTitle(trx, ed.code, p.title, at);
          if (s.created) showsCreated++;
          shows.set(slug, (showId = s.id));
        }
        rows.push({
          edition: ed.code,
          show_id: showId,
          title: p.title,
          episode_title: p.subTitle,
          description: p.description,
          starts_at: p.startsAt,
          ends_at: p.endsAt,
          season: p.season,
          episode: p.episode,
          category: p.category,
          video_id: null,
          source: 'xmltv',
          created_at: at,
          updated_at: at,
        });
      }
      for (let i = 0; i < rows.length; i += BATCH) await trx.insertInto('programmes').values(rows.slice(i, i + BATCH)).execute();
      imported = rows.length;
    }
    if (input.actor) await audit(trx, deps.now(), input.actor, 'schedule.import', `channel:${ed.code}`, { origin: input.origin.slice(0, 500), channel, from, to, imported, replaced, keptAdmin });
    return { replaced, keptAdmin, imported, showsCreated };
  });
  const skipped = [...doc.skipped, ...(dropped ? [{ index: 0, reason: `${dropped} programmes overlapped an earlier one of the file and were left out` }] : [])];
  return { edition: ed.code, channel, from, to, ...result, skipped };
}

/** The import as the Admin API and the CLI answer a file that cannot be read: 422 naming the file. */
export function refusedAsValidation(e: unknown, field: string): never {
  if (e instanceof XmltvRefused) throw new ValidationFailed([{ field, message: e.message }]);
  throw e;
}
