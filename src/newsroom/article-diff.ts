/** What changed between two versions of an article, field by field (body by block). */
export interface Change {
  field: string;
  before: unknown;
  after: unknown;
}

const FIELDS = ['headline', 'standfirst', 'section', 'slug', 'tags', 'authors', 'source', 'canonicalUrl', 'seo', 'lead', 'status', 'publishedAt', 'scheduledAt'];

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
