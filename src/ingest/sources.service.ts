import { NotFound, ValidationFailed, type FieldIssue } from '../errors.ts';
import { SLUG_RE } from '../content/slug.ts';
import { audit } from '../newsroom/audit.ts';
import type { Actor } from '../newsroom/roles.ts';
import type { Db } from '../store/db.ts';
import { dropFolderOf, ensureDropFolder } from './drop-folder.ts';

export interface IngestDeps {
  db: Db;
  now: () => Date;
}

/** What the sources themselves need: where drop folders live (INGEST_DIR). */
export type SourceDeps = IngestDeps & { ingestDir: string };

export const SOURCE_KINDS = ['rss', 'atom', 'ninjs'] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

export interface ApiSource {
  id: number;
  name: string;
  kind: SourceKind;
  url: string | null;
  /** For a ninjs source without a URL: the folder the agency delivers files to. */
  dropFolder: string | null;
  edition: string;
  section: string;
  nextPollAt: string;
  failures: number;
  lastError: string | null;
  lastPolledAt: string | null;
  createdAt: string;
}

type Row = { id: number; name: string; kind: SourceKind; url: string | null; edition: string; section: string; next_poll_at: string; failures: number; last_error: string | null; last_polled_at: string | null; created_at: string };

const COLS = ['id', 'name', 'kind', 'url', 'edition', 'section', 'next_poll_at', 'failures', 'last_error', 'last_polled_at', 'created_at'] as const;

const hasDropFolder = (r: { kind: SourceKind; url: string | null }) => r.kind === 'ninjs' && !r.url;

function present(r: Row, ingestDir: string): ApiSource {
  const dropFolder = hasDropFolder(r) ? dropFolderOf(ingestDir, r.id) : null;
  return { id: r.id, name: r.name, kind: r.kind, url: r.url, dropFolder, edition: r.edition, section: r.section, nextPollAt: r.next_poll_at, failures: r.failures, lastError: r.last_error, lastPolledAt: r.last_polled_at, createdAt: r.created_at };
}

export async function listSources(deps: SourceDeps): Promise<ApiSource[]> {
  return (await deps.db.selectFrom('ingest_sources').select(COLS).orderBy('id').execute()).map((r) => present(r, deps.ingestDir));
}

export async function getSource(deps: SourceDeps, id: number): Promise<ApiSource> {
  const r = await deps.db.selectFrom('ingest_sources').select(COLS).where('id', '=', id).executeTakeFirst();
  if (!r) throw new NotFound(`no ingest source ${id}`);
  return present(r, deps.ingestDir);
}

const SLUG = SLUG_RE;

async function parseInput(deps: IngestDeps, value: unknown) {
  const v = (value ?? {}) as Record<string, unknown>;
  const issues: FieldIssue[] = [];
  const name = typeof v.name === 'string' ? v.name.trim() : '';
  if (!name || name.length > 200) issues.push({ field: 'name', message: 'required: 1 to 200 characters' });
  const kind = v.kind as SourceKind;
  if (!SOURCE_KINDS.includes(kind)) issues.push({ field: 'kind', message: `expected one of ${SOURCE_KINDS.join(', ')}` });
  let url: string | null = null;
  if (v.url === undefined || v.url === null) {
    if (kind !== 'ninjs') issues.push({ field: 'url', message: 'required: an http(s) URL' });
  } else if (typeof v.url !== 'string') issues.push({ field: 'url', message: 'expected an http(s) URL' });
  else {
    try {
      const u = new URL(v.url);
      if (u.protocol !== 'http:' && u.protocol !== 'https:') issues.push({ field: 'url', message: 'expected an http or https URL' });
      else url = u.toString();
    } catch {
      issues.push({ field: 'url', message: 'expected an absolute http(s) URL' });
    }
  }
  const edition = typeof v.edition === 'string' ? v.edition : '';
  if (!edition || !(await deps.db.selectFrom('editions').select('code').where('code', '=', edition).executeTakeFirst())) {
    issues.push({ field: 'edition', message: edition ? `unknown edition "${edition}"` : 'required: an edition code such as fr' });
  }
  const section = typeof v.section === 'string' ? v.section : '';
  if (!SLUG.test(section) || section.length > 120) issues.push({ field: 'section', message: 'required: a section slug such as monde' });
  if (issues.length) throw new ValidationFailed(issues);
  return { name, kind, url, edition, section };
}

/** Adds a source; a ninjs source without a URL gets its drop folder, or is not added at all. */
export async function createSource(deps: SourceDeps, value: unknown, actor: Actor): Promise<ApiSource> {
  const input = await parseInput(deps, value);
  const at = deps.now().toISOString();
  return deps.db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('ingest_sources')
      .values({ ...input, next_poll_at: at, failures: 0, created_by: actor.userId, created_at: at })
      .returning(COLS)
      .executeTakeFirstOrThrow();
    await audit(trx, deps.now(), actor, 'ingest.source.create', `ingest-source:${row.id}`, { name: input.name, url: input.url });
    // Inside the transaction: a folder that cannot be made rolls the source back.
    if (hasDropFolder(row)) await ensureDropFolder(dropFolderOf(deps.ingestDir, row.id));
    return present(row, deps.ingestDir);
  });
}

export async function deleteSource(deps: IngestDeps, id: number, actor: Actor): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const r = await trx.selectFrom('ingest_sources').select('id').where('id', '=', id).executeTakeFirst();
    if (!r) throw new NotFound(`no ingest source ${id}`);
    await trx.deleteFrom('ingest_items').where('source_id', '=', id).execute();
    await trx.deleteFrom('ingest_sources').where('id', '=', id).execute();
    await audit(trx, deps.now(), actor, 'ingest.source.delete', `ingest-source:${id}`);
  });
}
