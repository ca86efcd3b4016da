import { fieldLabel, showValue } from './article-draft.ts';
import { t } from './i18n.ts';
import type { Change } from './types.ts';

/** One line of a comparison of two versions, in words for the newsroom. */
export interface ChangeRow {
  field: string;
  label: string;
  before: string;
  after: string;
}

const DATES = new Set(['publishedAt', 'scheduledAt', 'updatedAt', 'createdAt']);

/** A changed value as text: blocks by their text, dates in the admin's language, the SEO fields one by one. */
export function changeValueText(field: string, v: unknown): string {
  if (v === null || v === undefined || v === '') return t.conflict.empty;
  if (DATES.has(field) && typeof v === 'string') return t.formatDate(v);
  if (field === 'seo' && typeof v === 'object' && !Array.isArray(v)) {
    const o = v as Record<string, unknown>;
    const parts = [
      o.title ? t.compare.pair(t.compare.seoTitle, String(o.title)) : '',
      o.description ? t.compare.pair(t.compare.seoDescription, String(o.description)) : '',
      o.image != null ? t.compare.pair(t.compare.seoImage, t.blocks.imageN(o.image as number | string)) : '',
    ].filter(Boolean);
    return parts.length ? parts.join(' / ') : t.conflict.empty;
  }
  return showValue(v);
}

/** The changes `GET /api/admin/articles/:id/compare` answers, as labelled before/after lines. */
export function changeRows(changes: Change[]): ChangeRow[] {
  return changes.map((c) => ({ field: c.field, label: fieldLabel(c.field), before: changeValueText(c.field, c.before), after: changeValueText(c.field, c.after) }));
}

/** The pair compared first: the version before the latest, and the latest. */
export function defaultPair(versions: number[]): { from: number; to: number } | null {
  const sorted = [...versions].sort((a, b) => a - b);
  if (sorted.length < 2) return null;
  return { from: sorted[sorted.length - 2], to: sorted[sorted.length - 1] };
}
