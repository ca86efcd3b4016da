import { z } from 'zod';
import { BlockInput, type BlockInputT, type StoredBlock } from '../content/blocks.ts';
import { paths } from '../content/paths.ts';
import { slugify } from '../content/slug.ts';
import { Conflict, NotFound, ValidationFailed, type FieldIssue } from '../errors.ts';
import { audit } from '../newsroom/audit.ts';
import type { Actor } from '../newsroom/roles.ts';
import { bumpContentVersion } from '../store/content-version.ts';
import type { Db } from '../store/db.ts';
import { formerSlugs } from './slug-aliases.ts';
import type { Selectable } from 'kysely';
import type { PageTable } from '../store/schema.ts';
import { keepAlias, type StructureDeps } from './sections.service.ts';
import { nameField, optionalLongText, parseOr422, slugField } from './structure.schema.ts';

/**
 * Static pages (À propos, Contact, Mentions légales…): written in the article
 * blocks, published at /<edition>/page/<slug>. A slug change keeps the former
 * address answering with a 301 (slug_aliases), so the address stays stable.
 */
export type PageRow = Selectable<PageTable>;

export const PAGE_KINDS = ['about', 'contact', 'legal', 'privacy', 'charter', 'other'] as const;
export type PageKind = (typeof PAGE_KINDS)[number];

/** The slug a page of a kind gets when none is given, per language; other languages use the English ones. */
const DEFAULT_SLUGS: Record<string, Record<Exclude<PageKind, 'other'>, string>> = {
  fr: { about: 'a-propos', contact: 'contact', legal: 'mentions-legales', privacy: 'confidentialite', charter: 'charte-editoriale' },
  en: { about: 'about', contact: 'contact', legal: 'legal-notice', privacy: 'privacy', charter: 'editorial-charter' },
  es: { about: 'quienes-somos', contact: 'contacto', legal: 'aviso-legal', privacy: 'privacidad', charter: 'principios-editoriales' },
  ar: { about: 'من-نحن', contact: 'اتصل-بنا', legal: 'إشعار-قانوني', privacy: 'الخصوصية', charter: 'الميثاق-التحريري' },
};

export function defaultPageSlug(kind: PageKind, language: string, title: string): string {
  if (kind === 'other') return slugify(title);
  const lang = language.toLowerCase().split('-')[0]!;
  return (DEFAULT_SLUGS[lang] ?? DEFAULT_SLUGS.en!)[kind];
}

export interface ApiPage {
  id: number;
  edition: string;
  slug: string;
  title: string;
  description: string | null;
  kind: PageKind;
  /** Blocks as the article editor takes them (a figure's `image` is the media id). */
  body: unknown[];
  status: 'draft' | 'published';
  inFooter: boolean;
  position: number;
  version: number;
  createdAt: string;
  updatedAt: string;
  publishedAt: string | null;
  /** The public address. */
  path: string;
  /** Former slugs that answer 301 here. */
  aliases: string[];
}

const fields = {
  title: nameField(200),
  slug: slugField,
  description: optionalLongText(500),
  kind: z.enum(PAGE_KINDS, { error: `expected one of ${PAGE_KINDS.join(', ')}` }),
  body: z.array(BlockInput).max(500, 'at most 500 blocks'),
  status: z.enum(['draft', 'published'], { error: 'expected draft or published' }),
  inFooter: z.boolean(),
  position: z.number().int('expected a whole number').min(0).max(10_000),
};
/** What a page's author sets; on creation the title is required, on a change nothing is. */
const pageEditable = {
  title: fields.title,
  slug: fields.slug.optional(),
  description: fields.description,
  kind: fields.kind.optional(),
  body: fields.body.optional(),
  status: fields.status.optional(),
  inFooter: fields.inFooter.optional(),
  position: fields.position.optional(),
};
const PageCreate = z.strictObject({ edition: z.string().trim().min(1, 'required'), ...pageEditable });
const PagePatch = z.strictObject({
  ...pageEditable,
  title: fields.title.optional(),
  /** The version edited: another save in between is a 409. */
  version: z.number().int().min(1).optional(),
});

/** Stored blocks of the page body; figures must name a picture of the library by id. */
async function storedBody(db: Db, body: BlockInputT[]): Promise<StoredBlock[]> {
  const issues: FieldIssue[] = [];
  const ids = new Set<number>();
  body.forEach((b, i) => {
    if (b.type === 'video') issues.push({ field: `body[${i}]`, message: 'video blocks are not available on static pages' });
    if (b.type === 'figure') {
      if (typeof b.image !== 'number') issues.push({ field: `body[${i}].image`, message: 'expected the id of a picture of the media library' });
      else ids.add(b.image);
    }
  });
  if (ids.size) {
    const found = new Set((await db.selectFrom('images').select('id').where('id', 'in', [...ids]).execute()).map((r) => r.id));
    body.forEach((b, i) => {
      if (b.type === 'figure' && typeof b.image === 'number' && !found.has(b.image)) issues.push({ field: `body[${i}].image`, message: `no picture ${b.image} in the media library` });
    });
  }
  if (issues.length) throw new ValidationFailed(issues);
  return body.map((b) => {
    if (b.type !== 'figure') return b as StoredBlock;
    const { image, ...rest } = b as Extract<BlockInputT, { type: 'figure' }>;
    const f = rest as Record<string, unknown>;
    return { type: 'figure', imageId: image as number, alt: String(f.alt ?? ''), ...(f.decorative ? { decorative: true } : {}), ...(f.caption ? { caption: f.caption as string } : {}), ...(f.credit ? { credit: f.credit as string } : {}), ...(f.archive ? { archive: true } : {}) };
  });
}

/** The stored body as the editor takes it back. */
export function parseBody(raw: string): StoredBlock[] {
  try {
    const v = JSON.parse(raw);
    return Array.isArray(v) ? v : [];
  } catch {
    return [];
  }
}

function apiBody(body: StoredBlock[]): unknown[] {
  return body.map((b) => {
    if (b.type !== 'figure') return b;
    const { imageId, ...rest } = b;
    return { ...rest, image: imageId };
  });
}

function present(p: PageRow, aliases: string[]): ApiPage {
  return {
    id: p.id,
    edition: p.edition,
    slug: p.slug,
    title: p.title,
    description: p.description,
    kind: ((PAGE_KINDS as readonly string[]).includes(p.kind ?? '') ? p.kind : 'other') as PageKind,
    body: apiBody(parseBody(p.body)),
    status: p.status === 'published' ? 'published' : 'draft',
    inFooter: p.in_footer === 1,
    position: p.position,
    version: p.version,
    createdAt: p.created_at,
    updatedAt: p.updated_at,
    publishedAt: p.published_at,
    path: paths.page(p.edition, p.slug),
    aliases,
  };
}

export async function listPages(deps: StructureDeps, edition?: string): Promise<ApiPage[]> {
  let q = deps.db.selectFrom('pages').selectAll().orderBy('edition').orderBy('position').orderBy('id');
  if (edition) q = q.where('edition', '=', edition);
  const rows = await q.execute();
  const aliases = await formerSlugs(deps.db, 'page', rows.map((r) => r.id));
  return rows.map((r) => present(r, aliases.get(r.id) ?? []));
}

export async function getPage(deps: StructureDeps, id: number): Promise<ApiPage> {
  const row = await deps.db.selectFrom('pages').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new NotFound(`no page ${id}`);
  return present(row, (await formerSlugs(deps.db, 'page', [id])).get(id) ?? []);
}

async function slugTaken(trx: Db, edition: string, slug: string, self: number | null): Promise<void> {
  const other = await trx.selectFrom('pages').select(['id', 'title']).where('edition', '=', edition).where('slug', '=', slug).executeTakeFirst();
  if (other && other.id !== self) {
    const message = `the page «${other.title}» already has the slug ${slug} in this edition`;
    throw new Conflict(message, [{ field: 'slug', message }]);
  }
}

export async function createPage(deps: StructureDeps, value: unknown, actor: Actor): Promise<ApiPage> {
  const input = parseOr422(PageCreate, value);
  const at = deps.now().toISOString();
  const id = await deps.db.transaction().execute(async (trx) => {
    const edition = await trx.selectFrom('editions').select(['code', 'language']).where('code', '=', input.edition).executeTakeFirst();
    if (!edition) throw new ValidationFailed([{ field: 'edition', message: `no edition ${input.edition}` }]);
    const kind = input.kind ?? 'other';
    const slug = input.slug ?? defaultPageSlug(kind, edition.language || edition.code, input.title);
    if (input.slug === undefined && !slugField.safeParse(slug).success)
      throw new ValidationFailed([{ field: 'slug', message: `the slug made from the title (${slug}) is not allowed: give one` }]);
    await slugTaken(trx, input.edition, slug, null);
    const body = await storedBody(trx, input.body ?? []);
    await trx.deleteFrom('slug_aliases').where('kind', '=', 'page').where('edition', '=', input.edition).where('slug', '=', slug).execute();
    const last = await trx.selectFrom('pages').select((eb) => eb.fn.max('position').as('p')).where('edition', '=', input.edition).executeTakeFirst();
    const status = input.status ?? 'draft';
    const row = await trx
      .insertInto('pages')
      .values({
        edition: input.edition,
        slug,
        title: input.title,
        description: input.description || null,
        kind,
        body: JSON.stringify(body),
        status,
        in_footer: input.inFooter === false ? 0 : 1,
        position: input.position ?? Number(last?.p ?? 0) + 1,
        created_at: at,
        updated_at: at,
        published_at: status === 'published' ? at : null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(trx, deps.now(), actor, 'page.create', `page:${row.id}`, { edition: input.edition, slug, status });
    // Published pages are in the footer and the sitemaps of the edition.
    if (status === 'published') await bumpContentVersion(trx);
    return row.id;
  });
  return getPage(deps, id);
}

export async function updatePage(deps: StructureDeps, id: number, value: unknown, actor: Actor): Promise<ApiPage> {
  const input = parseOr422(PagePatch, value);
  const now = deps.now();
  const at = now.toISOString();
  await deps.db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('pages').selectAll().where('id', '=', id).executeTakeFirst();
    if (!before) throw new NotFound(`no page ${id}`);
    if (input.version !== undefined && input.version !== before.version) {
      const message = `the page was saved meanwhile (version ${before.version}, you edited version ${input.version}); reload it`;
      throw new Conflict(message, [{ field: 'version', message }]);
    }
    const set: Partial<Omit<PageRow, 'id' | 'version'>> = { updated_at: at };
    if (input.title !== undefined) set.title = input.title;
    if (input.description !== undefined) set.description = input.description || null;
    if (input.kind !== undefined) set.kind = input.kind;
    if (input.body !== undefined) set.body = JSON.stringify(await storedBody(trx, input.body));
    if (input.inFooter !== undefined) set.in_footer = input.inFooter ? 1 : 0;
    if (input.position !== undefined) set.position = input.position;
    if (input.status !== undefined) {
      set.status = input.status;
      if (input.status === 'published' && !before.published_at) set.published_at = at;
    }
    if (input.slug !== undefined && input.slug !== before.slug) {
      await slugTaken(trx, before.edition, input.slug, id);
      set.slug = input.slug;
      await trx.deleteFrom('slug_aliases').where('kind', '=', 'page').where('edition', '=', before.edition).where('slug', '=', input.slug).execute();
      // Only an address readers may have seen needs to keep answering.
      if (before.published_at) await keepAlias(trx, 'page', before.edition, before.slug, id, now);
    }
    await trx
      .updateTable('pages')
      .set({ ...set, version: before.version + 1 })
      .where('id', '=', id)
      .execute();
    await audit(trx, now, actor, 'page.update', `page:${id}`, { slug: set.slug, status: set.status });
    if (before.status === 'published' || set.status === 'published') await bumpContentVersion(trx);
  });
  return getPage(deps, id);
}

export async function deletePage(deps: StructureDeps, id: number, actor: Actor): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('pages').select(['id', 'slug', 'status']).where('id', '=', id).executeTakeFirst();
    if (!before) throw new NotFound(`no page ${id}`);
    await trx.deleteFrom('menu_items').where('kind', '=', 'page').where('target_id', '=', id).execute();
    await trx.deleteFrom('slug_aliases').where('kind', '=', 'page').where('target_id', '=', id).execute();
    await trx.deleteFrom('pages').where('id', '=', id).execute();
    await audit(trx, deps.now(), actor, 'page.delete', `page:${id}`, { slug: before.slug });
    await bumpContentVersion(trx);
  });
}

/** A published page of an edition, by slug, for the reader. */
export async function findPublishedPage(db: Db, edition: string, slug: string): Promise<PageRow | undefined> {
  return db.selectFrom('pages').selectAll().where('edition', '=', edition).where('slug', '=', slug).where('status', '=', 'published').executeTakeFirst();
}
