import fs from 'node:fs';
import path from 'node:path';
import { parseArticle } from '../content/article.schema.ts';
import { importArticles, type ImportDeps, type ImportedArticle } from '../content/import.service.ts';
import { paths } from '../content/paths.ts';
import { addRedirects } from '../content/redirects.ts';
import type { FieldIssue } from '../errors.ts';
import type { Db } from '../store/db.ts';
import { ghostToArticles } from './ghost.ts';
import type { MigratePlan, MigrateResult } from './plan.ts';
import { wxrToArticles } from './wordpress.ts';

export type MigrateFormat = 'wordpress' | 'ghost';

/** Reads and converts one export; pictures are looked up next to it (`uploads/…`, `content/images/…`). */
export function readExport(format: MigrateFormat, file: string, bytes: Uint8Array, edition: string, timeZone: string): MigrateResult & { baseDir: string } {
  const baseDir = path.dirname(path.resolve(file));
  const ctx = {
    edition,
    timeZone,
    exists: (rel: string) => {
      const abs = path.resolve(baseDir, rel);
      return abs.startsWith(baseDir + path.sep) && fs.existsSync(abs) && fs.statSync(abs).isFile();
    },
  };
  const name = path.basename(file);
  return { ...(format === 'wordpress' ? wxrToArticles(bytes, name, ctx) : ghostToArticles(bytes, name, ctx)), baseDir };
}

/** The new path of a converted article. */
export function plannedPath(p: MigratePlan): string {
  return paths.article(String(p.article.edition), String(p.article.section), String(p.article.slug));
}

/** Checks the converted articles as the import would (schema and slugs), without writing. */
export async function checkPlans(db: Db, plans: MigratePlan[]): Promise<FieldIssue[]> {
  const issues: FieldIssue[] = [];
  const seen = new Set<string>();
  for (const p of plans) {
    const r = parseArticle(p.article);
    if (!r.ok) {
      for (const i of r.issues) issues.push({ field: `${p.name}: ${i.field}`, message: i.message });
      continue;
    }
    const slug = String(p.article.slug);
    if (seen.has(slug)) issues.push({ field: `${p.name}: slug`, message: `"${slug}" is used twice in this import` });
    seen.add(slug);
    const taken = await db.selectFrom('articles').select('id').where('edition', '=', r.article.edition).where('slug', '=', slug).executeTakeFirst();
    if (taken) issues.push({ field: `${p.name}: slug`, message: `"${slug}" already exists in edition ${r.article.edition}` });
  }
  return issues;
}

/**
 * The ordinary all-or-nothing import; picture paths are relative to the
 * export's folder. The old addresses become redirects in the same transaction.
 */
export function importPlans(deps: ImportDeps, plans: MigratePlan[], baseDir: string): Promise<ImportedArticle[]> {
  return importArticles(
    deps,
    plans.map((p) => ({ name: p.name, baseDir, text: JSON.stringify(p.article) })),
    {
      afterArticles: async (trx, imported) => {
        const rows = plans.flatMap((p, i) => (p.oldUrls ?? []).map((address) => ({ address, articleId: imported[i].id })));
        await addRedirects(trx, rows, deps.now());
      },
    },
  );
}

/** The report: what could not be mapped, and the redirects from old addresses. */
export function reportLines(result: MigrateResult): string[] {
  const lines = result.notes.map((n) => `not mapped ${n.field}: ${n.message}`);
  for (const p of result.plans) for (const n of p.notes) lines.push(`not mapped ${p.name}: ${n.field}: ${n.message}`);
  for (const p of result.plans) for (const old of p.oldUrls ?? []) lines.push(`redirect ${old} → ${plannedPath(p)}`);
  return lines;
}
