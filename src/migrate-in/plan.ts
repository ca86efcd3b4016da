import type { FieldIssue } from '../errors.ts';

/** One article converted from another system, in our import format. */
export interface MigratePlan {
  /** Where it came from, for the report: `export.xml: post 12 "Title"`. */
  name: string;
  /** `post`, `page`. */
  kind: string;
  article: Record<string, unknown>;
  /** What was not imported or was changed on the way. */
  notes: FieldIssue[];
  /** The addresses it had on the old site (permalink, shortlink), each redirected to the new path. */
  oldUrls?: string[];
}

export interface MigrateResult {
  plans: MigratePlan[];
  /** File-level notes: items skipped, things the export holds that we do not map. */
  notes: FieldIssue[];
}

export interface MigrateContext {
  edition: string;
  /** Relative path (to the export file) → true when the file is there. */
  exists: (relative: string) => boolean;
}

/** `2024-05-03 10:00:00` (UTC, WordPress) or an ISO string → ISO 8601 UTC; undefined for WordPress's zero date. */
export function isoUtc(v: unknown): string | undefined {
  if (typeof v !== 'string' || !v.trim() || v.startsWith('0000-00-00')) return undefined;
  const s = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(v.trim()) ? v.trim().replace(' ', 'T') + 'Z' : v.trim();
  const d = new Date(s);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}

/** A WordPress or Ghost slug is usable as ours when it is lowercase ASCII and hyphens. */
export function usableSlug(s: unknown): string | undefined {
  return typeof s === 'string' && /^[a-z0-9]+(-[a-z0-9]+)*$/.test(s) && s.length <= 80 ? s : undefined;
}

export function clip(s: string, max: number, field: string, notes: FieldIssue[]): string {
  if (s.length <= max) return s;
  notes.push({ field, message: `longer than ${max} characters; cut` });
  return s.slice(0, max - 1).trimEnd() + '…';
}
