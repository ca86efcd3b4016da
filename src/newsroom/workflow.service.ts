import { Conflict, Forbidden, NotFound, ValidationFailed, type FieldIssue } from '../errors.ts';
import { isVideoLead, type StoredBlock, type StoredImageLead, type StoredLead } from '../content/blocks.ts';
import type { Db } from '../store/db.ts';
import { loadVideoChecks, videoProblems, type PublishingIssue, type VideoCheck } from '../video/video-checks.ts';
import { videoMentions } from '../video/video-refs.ts';
import { trackArticle } from '../cdn/article-change.ts';
import { indexArticles } from '../search/index-writer.ts';
import { enqueueWebhookEvent, webhookArticle } from '../webhooks/outbox.ts';
import { getArticle, recordRevision, type ApiArticle, type ArticleDeps, type Status } from './articles.service.ts';
import { audit } from './audit.ts';
import { actorLabel, atLeast, owns, SYSTEM, type Actor, type Owner } from './roles.ts';
import { repeat } from '../jobs/repeat.ts';

/**
 * The workflow: draft → in review → scheduled → published → unpublished.
 * Each transition names who may take it; publishing checks the article first.
 */
const NEXT: Record<Status, Status[]> = {
  draft: ['in_review', 'scheduled', 'published'],
  in_review: ['draft', 'scheduled', 'published'],
  scheduled: ['draft', 'published'],
  published: ['unpublished'],
  unpublished: ['draft', 'published'],
};

export interface TransitionInput {
  to: string;
  at?: string;
  /**
   * Publishing checks passed over, each with the reason (docs/subtitles.md):
   * `{ subtitles: "<why>" }` publishes or schedules an article whose videos lack
   * subtitles in their language. Written to the audit log, and kept with the
   * article until it goes back to draft, review or unpublished.
   */
  overrides?: { subtitles?: string };
}

/** The overrides an article keeps (articles.publish_overrides). */
export interface PublishOverrides {
  subtitles?: { reason: string; by: string; at: string };
}

/** The publishing checks one may pass over, by name. */
const OVERRIDABLE = ['subtitles'] as const;
/** An override's reason at most, in characters. */
export const MAX_OVERRIDE_REASON = 500;

function parseOverrides(raw: unknown): { subtitles?: string } {
  if (raw === undefined || raw === null) return {};
  if (typeof raw !== 'object' || Array.isArray(raw)) throw new ValidationFailed([{ field: 'overrides', message: 'expected an object such as { "subtitles": "<reason>" }' }]);
  const out: { subtitles?: string } = {};
  for (const [k, v] of Object.entries(raw)) {
    if (!(OVERRIDABLE as readonly string[]).includes(k)) throw new ValidationFailed([{ field: `overrides.${k}`, message: `unknown override; expected ${OVERRIDABLE.join(', ')}` }]);
    if (typeof v !== 'string' || !v.trim()) throw new ValidationFailed([{ field: `overrides.${k}`, message: 'give the reason for publishing anyway' }]);
    if (v.trim().length > MAX_OVERRIDE_REASON) throw new ValidationFailed([{ field: `overrides.${k}`, message: `at most ${MAX_OVERRIDE_REASON} characters` }]);
    out[k as 'subtitles'] = v.trim();
  }
  return out;
}

export function storedOverrides(raw: string | null): PublishOverrides {
  if (!raw) return {};
  try {
    return JSON.parse(raw) as PublishOverrides;
  } catch {
    return {};
  }
}

/** The problems left once the overrides are applied. */
export function unresolved(problems: PublishingIssue[], overrides: Partial<Record<(typeof OVERRIDABLE)[number], unknown>>): PublishingIssue[] {
  return problems.filter((p) => !(p.override && overrides[p.override]));
}

/** The problems an article's videos have now (the ones the publishing checks read from the store). */
export async function articleVideoProblems(db: Db, a: { lead: StoredLead | null; body: StoredBlock[] }): Promise<PublishingIssue[]> {
  const videos = await loadVideoChecks(
    db,
    videoMentions(a).map((m) => m.video),
  );
  return videoProblems(a, videos);
}

function mayTake(actor: Actor, owner: Owner, from: Status, to: Status): boolean {
  if (atLeast(actor, 'editor')) return true;
  const own = owns(actor, owner);
  if (actor.role === 'author') return own;
  // A contributor submits their own draft for review, or takes it back.
  return own && ((from === 'draft' && to === 'in_review') || (from === 'in_review' && to === 'draft'));
}

/**
 * What must hold before an article goes out: a headline, a section, alt text and
 * a credit on every picture, and its videos ready and subtitled in their
 * language (`videos`: each video the article shows, from loadVideoChecks).
 */
export function publishingProblems(
  a: { headline: string; section: string | null; lead: StoredLead | null; body: StoredBlock[] },
  videos: ReadonlyMap<number, VideoCheck> = new Map(),
): PublishingIssue[] {
  const issues: PublishingIssue[] = [];
  if (!a.headline.trim()) issues.push({ field: 'headline', message: 'required to publish' });
  if (!a.section) issues.push({ field: 'section', message: 'required to publish' });
  const figures: Array<[string, StoredImageLead]> = [];
  // A lead video's poster is the video's own: its words are the video's title and credit.
  if (a.lead && !isVideoLead(a.lead)) figures.push(['lead', a.lead]);
  a.body.forEach((b, i) => b.type === 'figure' && figures.push([`body[${i}]`, b]));
  for (const [field, f] of figures) {
    if (!f.alt && !f.decorative) issues.push({ field: `${field}.alt`, message: 'every picture needs alt text' });
    if (!f.credit) issues.push({ field: `${field}.credit`, message: 'every picture needs a credit' });
  }
  issues.push(...videoProblems(a, videos));
  return issues;
}

export async function transition(deps: ArticleDeps, id: number, input: TransitionInput, actor: Actor): Promise<ApiArticle> {
  const to = input?.to as Status;
  if (!(to in NEXT)) throw new ValidationFailed([{ field: 'to', message: `expected one of ${Object.keys(NEXT).join(', ')}` }]);
  const given = parseOverrides(input.overrides);
  const row = await deps.db
    .selectFrom('articles as a')
    .leftJoin('sections as s', 's.id', 'a.section_id')
    .select(['a.id', 'a.status', 'a.owner_id', 'a.owner_token_id', 'a.version', 'a.headline', 'a.lead', 'a.body', 'a.published_at', 'a.publish_overrides', 's.slug as section'])
    .where('a.id', '=', id)
    .executeTakeFirst();
  if (!row) throw new NotFound(`no article ${id}`);
  const from = row.status as Status;
  if (!NEXT[from].includes(to)) throw new Conflict(`an article cannot go from ${from} to ${to}`);
  if (!mayTake(actor, { userId: row.owner_id, tokenId: row.owner_token_id }, from, to)) throw new Forbidden(`your role (${actor.role}) may not move this article from ${from} to ${to}`);
  const now = deps.now();
  let scheduledAt: string | null = null;
  if (to === 'scheduled') {
    const at = input.at ? new Date(input.at) : null;
    if (!at || Number.isNaN(at.getTime())) throw new ValidationFailed([{ field: 'at', message: 'expected the publication time, ISO 8601' }]);
    if (at <= now) throw new ValidationFailed([{ field: 'at', message: 'must be in the future' }]);
    scheduledAt = at.toISOString();
  }
  // Overrides last while the article stays on its way out (scheduled, published); going back clears them.
  const kept = storedOverrides(row.publish_overrides);
  let overrides: PublishOverrides | null = null;
  let applied: Array<{ name: 'subtitles'; reason: string; fields: string[] }> = [];
  if (to === 'scheduled' || to === 'published') {
    const content = { lead: row.lead ? (JSON.parse(row.lead) as StoredLead) : null, body: JSON.parse(row.body) as StoredBlock[] };
    const videos = await loadVideoChecks(
      deps.db,
      videoMentions(content).map((m) => m.video),
    );
    const problems = publishingProblems({ headline: row.headline, section: row.section, ...content }, videos);
    const blocking = unresolved(problems, { ...kept, ...given });
    if (blocking.length) throw new Conflict(`cannot publish yet: ${blocking.map((p) => `${p.field}: ${p.message}`).join('; ')}`, blocking);
    // Only an override that let a problem through is recorded: one given for nothing is not a decision.
    applied = OVERRIDABLE.flatMap((name) => {
      const fields = problems.filter((p) => p.override === name).map((p) => p.field);
      return given[name] && fields.length ? [{ name, reason: given[name]!, fields }] : [];
    });
    overrides = { ...kept };
    for (const o of applied) overrides[o.name] = { reason: o.reason, by: actorLabel(actor), at: now.toISOString() };
  }
  return deps.db.transaction().execute(async (trx) => {
    const change = await trackArticle(trx, id, now.toISOString());
    const r = await trx
      .updateTable('articles')
      .set({
        status: to,
        scheduled_at: scheduledAt,
        publish_overrides: overrides && Object.keys(overrides).length ? JSON.stringify(overrides) : null,
        version: row.version + 1,
        changed_at: now.toISOString(),
        ...(to === 'published' ? { published_at: row.published_at ?? now.toISOString() } : {}),
      })
      .where('id', '=', id)
      .where('version', '=', row.version)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) throw new Conflict('the article changed meanwhile; reload it and try again');
    await indexArticles(trx, [id]);
    await audit(trx, now, actor, `article.${to}`, `article:${id}`, { from, to, ...(scheduledAt ? { at: scheduledAt } : {}) });
    for (const o of applied) await audit(trx, now, actor, 'article.publish_override', `article:${id}`, { override: o.name, reason: o.reason, fields: o.fields, to });
    await change.bump();
    const article = await recordRevision(deps, trx, id, actor);
    if (to === 'published' || from === 'published') {
      await enqueueWebhookEvent(trx, now, to === 'published' ? 'article.published' : 'article.unpublished', webhookArticle(article));
    }
    return article;
  });
}

/**
 * Publishes scheduled articles whose time has come. State lives in the
 * database, so a restart loses nothing; the conditional update lets exactly
 * one process publish each article when several run.
 */
export async function publishDue(deps: ArticleDeps): Promise<number[]> {
  const now = deps.now().toISOString();
  const due = await deps.db
    .selectFrom('articles')
    .select(['id', 'version', 'scheduled_at', 'published_at', 'lead', 'body', 'publish_overrides'])
    .where('status', '=', 'scheduled')
    .where('scheduled_at', '<=', now)
    .execute();
  const done: number[] = [];
  for (const a of due) {
    // The videos were checked when the article was scheduled; one may have failed since, or lost its
    // subtitles. The overrides given then still hold.
    const blocking = unresolved(await articleVideoProblems(deps.db, { lead: a.lead ? JSON.parse(a.lead) : null, body: JSON.parse(a.body) }), storedOverrides(a.publish_overrides));
    if (blocking.length) {
      await recordBlocked(deps, a.id, a.version, blocking);
      continue;
    }
    const published = await deps.db.transaction().execute(async (trx) => {
      const change = await trackArticle(trx, a.id, now);
      const r = await trx
        .updateTable('articles')
        .set({ status: 'published', published_at: a.published_at ?? a.scheduled_at, scheduled_at: null, version: a.version + 1, changed_at: now })
        .where('id', '=', a.id)
        .where('status', '=', 'scheduled')
        .where('version', '=', a.version)
        .executeTakeFirst();
      if (Number(r.numUpdatedRows) !== 1) return false;
      await indexArticles(trx, [a.id]);
      await audit(trx, deps.now(), SYSTEM, 'article.published', `article:${a.id}`, { scheduled: a.scheduled_at });
      await change.bump();
      const article = await recordRevision(deps, trx, a.id, SYSTEM);
      await enqueueWebhookEvent(trx, deps.now(), 'article.published', webhookArticle(article));
      return true;
    });
    if (published) done.push(a.id);
  }
  return done;
}

/** A scheduled article held back: said once per version in the audit log, not at every pass. */
async function recordBlocked(deps: ArticleDeps, id: number, version: number, issues: FieldIssue[]): Promise<void> {
  const last = await deps.db
    .selectFrom('audit_log')
    .select('details')
    .where('subject', '=', `article:${id}`)
    .where('action', '=', 'article.publish_blocked')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (last?.details && (JSON.parse(last.details) as { version?: number }).version === version) return;
  await audit(deps.db, deps.now(), SYSTEM, 'article.publish_blocked', `article:${id}`, { version, issues: issues.map(({ field, message }) => ({ field, message })) });
}

/** Runs publishDue on a timer; the timer is only a trigger, the state is in the store. */
export class Scheduler {
  private job: { stop(): void } | undefined;
  constructor(
    private readonly deps: ArticleDeps & {
      log: { error(o: object, m: string): void; info(o: object, m: string): void };
      /** Told after a pass published articles (their transactions committed). */
      onChange?: () => void;
    },
    private readonly everyMs: number,
  ) {}

  start(): void {
    this.job = repeat(
      async () => {
        const ids = await publishDue(this.deps);
        if (ids.length) {
          this.deps.log.info({ ids }, 'published scheduled articles');
          this.deps.onChange?.();
        }
      },
      this.everyMs,
      (err) => this.deps.log.error({ err }, 'scheduler failed'),
    );
  }

  stop(): void {
    this.job?.stop();
  }
}

export { getArticle };
