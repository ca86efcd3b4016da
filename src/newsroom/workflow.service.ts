import { Conflict, Forbidden, NotFound, ValidationFailed, type FieldIssue } from '../errors.ts';
import type { StoredBlock, StoredLead } from '../content/blocks.ts';
import { trackArticle } from '../cdn/article-change.ts';
import { indexArticles } from '../search/index-writer.ts';
import { enqueueWebhookEvent, webhookArticle } from '../webhooks/outbox.ts';
import { getArticle, recordRevision, type ApiArticle, type ArticleDeps, type Status } from './articles.service.ts';
import { audit } from './audit.ts';
import { atLeast, owns, SYSTEM, type Actor, type Owner } from './roles.ts';
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
}

function mayTake(actor: Actor, owner: Owner, from: Status, to: Status): boolean {
  if (atLeast(actor, 'editor')) return true;
  const own = owns(actor, owner);
  if (actor.role === 'author') return own;
  // A contributor submits their own draft for review, or takes it back.
  return own && ((from === 'draft' && to === 'in_review') || (from === 'in_review' && to === 'draft'));
}

/** What must hold before an article goes out: a headline, a section, and alt text and a credit on every picture. */
export function publishingProblems(a: { headline: string; section: string | null; lead: StoredLead | null; body: StoredBlock[] }): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (!a.headline.trim()) issues.push({ field: 'headline', message: 'required to publish' });
  if (!a.section) issues.push({ field: 'section', message: 'required to publish' });
  const figures: Array<[string, StoredLead]> = [];
  if (a.lead) figures.push(['lead', a.lead]);
  a.body.forEach((b, i) => b.type === 'figure' && figures.push([`body[${i}]`, b]));
  for (const [field, f] of figures) {
    if (!f.alt && !f.decorative) issues.push({ field: `${field}.alt`, message: 'every picture needs alt text' });
    if (!f.credit) issues.push({ field: `${field}.credit`, message: 'every picture needs a credit' });
  }
  return issues;
}

export async function transition(deps: ArticleDeps, id: number, input: TransitionInput, actor: Actor): Promise<ApiArticle> {
  const to = input?.to as Status;
  if (!(to in NEXT)) throw new ValidationFailed([{ field: 'to', message: `expected one of ${Object.keys(NEXT).join(', ')}` }]);
  const row = await deps.db
    .selectFrom('articles as a')
    .leftJoin('sections as s', 's.id', 'a.section_id')
    .select(['a.id', 'a.status', 'a.owner_id', 'a.owner_token_id', 'a.version', 'a.headline', 'a.lead', 'a.body', 'a.published_at', 's.slug as section'])
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
  if (to === 'scheduled' || to === 'published') {
    const problems = publishingProblems({ headline: row.headline, section: row.section, lead: row.lead ? JSON.parse(row.lead) : null, body: JSON.parse(row.body) });
    if (problems.length) throw new Conflict(`cannot publish yet: ${problems.map((p) => `${p.field}: ${p.message}`).join('; ')}`, problems);
  }
  return deps.db.transaction().execute(async (trx) => {
    const change = await trackArticle(trx, id, now.toISOString());
    const r = await trx
      .updateTable('articles')
      .set({
        status: to,
        scheduled_at: scheduledAt,
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
  const due = await deps.db.selectFrom('articles').select(['id', 'version', 'scheduled_at', 'published_at']).where('status', '=', 'scheduled').where('scheduled_at', '<=', now).execute();
  const done: number[] = [];
  for (const a of due) {
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
