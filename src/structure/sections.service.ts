import { z } from 'zod';
import { slugify } from '../content/slug.ts';
import { Conflict, NotFound, ValidationFailed } from '../errors.ts';
import { audit } from '../newsroom/audit.ts';
import type { Actor } from '../newsroom/roles.ts';
import { bumpContentVersion } from '../store/content-version.ts';
import type { Db } from '../store/db.ts';
import { formerSlugs } from './slug-aliases.ts';
import { idNumber } from '../store/ids.ts';
import type { SectionRow } from '../store/schema.ts';
import { nameField, optionalLongText, parseOr422, slugField } from './structure.schema.ts';

/**
 * Sections of an edition: created, renamed (the old slug keeps answering with a
 * 301 through slug_aliases), reordered, hidden from navigation, nested one level
 * and described. Every change is in the frame of every page: the whole site is purged.
 */
export interface StructureDeps {
  db: Db;
  now: () => Date;
}

export interface ApiSection {
  id: number;
  edition: string;
  slug: string;
  name: string;
  position: number;
  inNav: boolean;
  parentId: number | null;
  description: string | null;
  /** Made by naming it in an article; readers see it once a visible article is in it. */
  implicit: boolean;
  /** Former slugs that answer 301 here. */
  aliases: string[];
}

const SectionCreate = z.strictObject({
  edition: z.string().trim().min(1, 'required'),
  name: nameField(100),
  slug: slugField.optional(),
  parentId: idNumber().nullable().optional(),
  inNav: z.boolean().optional(),
  description: optionalLongText(2000),
});

const SectionPatch = z.strictObject({
  name: nameField(100).optional(),
  slug: slugField.optional(),
  parentId: idNumber().nullable().optional(),
  inNav: z.boolean().optional(),
  description: optionalLongText(2000),
});

const SectionOrder = z.strictObject({
  edition: z.string().trim().min(1, 'required'),
  ids: z.array(idNumber()).min(1, 'required: every section of the edition, in their new order').max(500, 'at most 500 sections'),
});

function present(s: SectionRow, aliases: string[]): ApiSection {
  return {
    id: s.id,
    edition: s.edition,
    slug: s.slug,
    name: s.name,
    position: s.position,
    inNav: s.in_nav === 1,
    parentId: s.parent_id,
    description: s.description,
    implicit: s.implicit === 1,
    aliases,
  };
}

/** An edition's sections (or every edition's), in navigation order. */
export async function listSections(deps: StructureDeps, edition?: string): Promise<ApiSection[]> {
  let q = deps.db.selectFrom('sections').selectAll().orderBy('edition').orderBy('position').orderBy('name');
  if (edition) q = q.where('edition', '=', edition);
  const rows = await q.execute();
  const aliases = await formerSlugs(deps.db, 'section', rows.map((r) => r.id));
  return rows.map((r) => present(r, aliases.get(r.id) ?? []));
}

export async function getSection(deps: StructureDeps, id: number): Promise<ApiSection> {
  const row = await deps.db.selectFrom('sections').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new NotFound(`no section ${id}`);
  return present(row, (await formerSlugs(deps.db, 'section', [id])).get(id) ?? []);
}

/** Why `parentId` cannot hold section `self` (null: it can): one level, same edition. */
async function parentProblem(trx: Db, edition: string, parentId: number, self: number | null): Promise<string | null> {
  if (parentId === self) return 'a section cannot be under itself';
  const parent = await trx.selectFrom('sections').select(['id', 'edition', 'parent_id', 'name']).where('id', '=', parentId).executeTakeFirst();
  if (!parent) return `no section ${parentId}`;
  if (parent.edition !== edition) return `the section ${parent.name} is in the ${parent.edition} edition, not ${edition}`;
  if (parent.parent_id !== null) return `the section ${parent.name} is itself under another section: sections nest one level only`;
  if (self !== null) {
    const child = await trx.selectFrom('sections').select('name').where('parent_id', '=', self).executeTakeFirst();
    if (child) return `this section has sub-sections (${child.name}): sections nest one level only`;
  }
  return null;
}

async function slugTaken(trx: Db, edition: string, slug: string, self: number | null): Promise<string | null> {
  const other = await trx.selectFrom('sections').select(['id', 'name']).where('edition', '=', edition).where('slug', '=', slug).executeTakeFirst();
  if (other && other.id !== self) return `the section ${other.name} already has the slug ${slug} in this edition`;
  return null;
}

/** A former slug now taken by a live section or page stops redirecting. */
async function dropAlias(trx: Db, kind: 'section' | 'page', edition: string, slug: string): Promise<void> {
  await trx.deleteFrom('slug_aliases').where('kind', '=', kind).where('edition', '=', edition).where('slug', '=', slug).execute();
}

/** Keeps `slug` answering with a 301 to `targetId`'s current address. */
export async function keepAlias(trx: Db, kind: 'section' | 'page', edition: string, slug: string, targetId: number, at: Date): Promise<void> {
  await trx
    .insertInto('slug_aliases')
    .values({ kind, edition, slug, target_id: targetId, created_at: at.toISOString() })
    .onConflict((oc) => oc.columns(['kind', 'edition', 'slug']).doUpdateSet({ target_id: targetId, created_at: at.toISOString() }))
    .execute();
}

export async function createSection(deps: StructureDeps, value: unknown, actor: Actor): Promise<ApiSection> {
  const input = parseOr422(SectionCreate, value);
  const slug = input.slug ?? slugify(input.name);
  const at = deps.now();
  const id = await deps.db.transaction().execute(async (trx) => {
    if (!(await trx.selectFrom('editions').select('code').where('code', '=', input.edition).executeTakeFirst()))
      throw new ValidationFailed([{ field: 'edition', message: `no edition ${input.edition}` }]);
    if (input.slug === undefined) {
      const checked = slugField.safeParse(slug);
      if (!checked.success) throw new ValidationFailed([{ field: 'slug', message: `the slug made from the name (${slug}) is not allowed: give one` }]);
    }
    const taken = await slugTaken(trx, input.edition, slug, null);
    if (taken) throw new Conflict(taken, [{ field: 'slug', message: taken }]);
    if (input.parentId != null) {
      const why = await parentProblem(trx, input.edition, input.parentId, null);
      if (why) throw new ValidationFailed([{ field: 'parentId', message: why }]);
    }
    const last = await trx.selectFrom('sections').select((eb) => eb.fn.max('position').as('p')).where('edition', '=', input.edition).executeTakeFirst();
    await dropAlias(trx, 'section', input.edition, slug);
    const row = await trx
      .insertInto('sections')
      .values({
        edition: input.edition,
        slug,
        name: input.name,
        position: Number(last?.p ?? 0) + 1,
        in_nav: input.inNav === false ? 0 : 1,
        implicit: 0,
        parent_id: input.parentId ?? null,
        description: input.description || null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(trx, at, actor, 'section.create', `section:${row.id}`, { edition: input.edition, slug, name: input.name });
    await bumpContentVersion(trx);
    return row.id;
  });
  return getSection(deps, id);
}

export async function updateSection(deps: StructureDeps, id: number, value: unknown, actor: Actor): Promise<ApiSection> {
  const input = parseOr422(SectionPatch, value);
  const at = deps.now();
  await deps.db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('sections').selectAll().where('id', '=', id).executeTakeFirst();
    if (!before) throw new NotFound(`no section ${id}`);
    const set: Partial<Pick<SectionRow, 'name' | 'slug' | 'in_nav' | 'parent_id' | 'description' | 'implicit'>> = {};
    if (input.name !== undefined) set.name = input.name;
    if (input.inNav !== undefined) set.in_nav = input.inNav ? 1 : 0;
    if (input.description !== undefined) set.description = input.description || null;
    if (input.parentId !== undefined) {
      if (input.parentId !== null) {
        const why = await parentProblem(trx, before.edition, input.parentId, id);
        if (why) throw new ValidationFailed([{ field: 'parentId', message: why }]);
      }
      set.parent_id = input.parentId;
    }
    if (input.slug !== undefined && input.slug !== before.slug) {
      const taken = await slugTaken(trx, before.edition, input.slug, id);
      if (taken) throw new Conflict(taken, [{ field: 'slug', message: taken }]);
      set.slug = input.slug;
      // The old address, its feeds and its articles' addresses answer 301 to the new slug.
      await dropAlias(trx, 'section', before.edition, input.slug);
      await keepAlias(trx, 'section', before.edition, before.slug, id, at);
    }
    // A section an editor shapes is the newsroom's own from now on.
    if (Object.keys(set).length) set.implicit = 0;
    if (Object.keys(set).length) await trx.updateTable('sections').set(set).where('id', '=', id).execute();
    await audit(trx, at, actor, 'section.update', `section:${id}`, { before: { slug: before.slug, name: before.name }, changes: input });
    await bumpContentVersion(trx);
  });
  return getSection(deps, id);
}

/** Puts every section of an edition in the order given (navigation order). */
export async function reorderSections(deps: StructureDeps, value: unknown, actor: Actor): Promise<ApiSection[]> {
  const input = parseOr422(SectionOrder, value);
  const at = deps.now();
  await deps.db.transaction().execute(async (trx) => {
    const rows = await trx.selectFrom('sections').select('id').where('edition', '=', input.edition).execute();
    if (!rows.length) throw new ValidationFailed([{ field: 'edition', message: `no section in the edition ${input.edition}` }]);
    const have = new Set(rows.map((r) => r.id));
    const given = new Set(input.ids);
    const issues = [];
    if (given.size !== input.ids.length) issues.push({ field: 'ids', message: 'a section is listed twice' });
    const stray = input.ids.filter((i) => !have.has(i));
    if (stray.length) issues.push({ field: 'ids', message: `not sections of the edition ${input.edition}: ${stray.join(', ')}` });
    const missing = rows.filter((r) => !given.has(r.id)).map((r) => r.id);
    if (missing.length) issues.push({ field: 'ids', message: `every section of the edition must be listed; missing: ${missing.join(', ')}` });
    if (issues.length) throw new ValidationFailed(issues);
    for (const [i, sid] of input.ids.entries()) await trx.updateTable('sections').set({ position: i + 1 }).where('id', '=', sid).execute();
    await audit(trx, at, actor, 'section.reorder', null, { edition: input.edition, ids: input.ids });
    await bumpContentVersion(trx);
  });
  return listSections(deps, input.edition);
}
