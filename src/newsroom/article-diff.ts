/** What changed between two versions of an article, field by field (body by block). */
export interface Change {
  field: string;
  before: unknown;
  after: unknown;
}

const FIELDS = ['headline', 'standfirst', 'section', 'slug', 'tags', 'authors', 'source', 'canonicalUrl', 'seo', 'lead', 'status', 'publishedAt', 'scheduledAt', 'live'];

export function diffArticles(before: Record<string, any>, after: Record<string, any>): Change[] {
  const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
  const out: Change[] = [];
  for (const f of FIELDS) if (!same(before[f], after[f])) out.push({ field: f, before: before[f] ?? null, after: after[f] ?? null });
  const a: unknown[] = before.body ?? [];
  const b: unknown[] = after.body ?? [];
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (!same(a[i], b[i])) out.push({ field: `body[${i}]`, before: a[i] ?? null, after: b[i] ?? null });
  }
  return out;
}

/** Fields a reader sees on the article page and in lists; seo, canonical URL and the slug are not among them. */
const READER_FIELDS = new Set(['headline', 'standfirst', 'section', 'tags', 'authors', 'source', 'lead']);

/** Whether a save changes what readers see of the article: then its "updated" time moves. */
export function changesWhatReadersSee(before: Record<string, any>, after: Record<string, any>): boolean {
  return diffArticles(before, after).some((c) => READER_FIELDS.has(c.field) || c.field.startsWith('body['));
}
