import { key } from '../cdn/keys.ts';
import { ValidationFailed } from '../errors.ts';
import { audit } from '../newsroom/audit.ts';
import type { Actor } from '../newsroom/roles.ts';
import { indexNames } from '../search/names-index.ts';
import { bumpContentVersion } from '../store/content-version.ts';
import type { Db } from '../store/db.ts';
import { aliasMergedSlug, namedRow, pageByName, rowsToMerge, rowToUpdate, updateSlug } from './named-records.ts';
import { articleCounts, mergeLinks } from './naming.ts';
import { jsonList, MergeInput, parseBody, PersonPatch } from './people.schema.ts';
import { checkPhoto, photoViews, type PhotoView } from './photos.ts';

/**
 * Quoted people, as the newsroom keeps them (docs/people-and-topics.md): a name,
 * a description, a photo from the library, other names they go by, a Wikidata
 * item, and the role each edition gives them. A quote's own role still wins in
 * that quote. Merging two people keeps one; the other's page answers 301 there.
 */

export interface PeopleDeps {
  db: Db;
  now: () => Date;
  /** MEDIA_PUBLIC_URL, when pictures are served from elsewhere. */
  mediaUrl?: string;
}

export interface PersonView {
  id: number;
  slug: string;
  name: string;
  description: string | null;
  photo: PhotoView | null;
  aliases: string[];
  wikidata: string | null;
  /** The role each edition shows, by edition code. */
  roles: Record<string, string>;
  /** The role the last quote gave: the newsroom's suggestion for the next quote. */
  role: string | null;
  /** Articles quoting them, drafts included. */
  articles: number;
  mergedInto: number | null;
}

type PersonRow = { id: number; slug: string; name: string; role: string | null; description: string | null; photo_image_id: number | null; aliases: string; wikidata: string | null; merged_into: number | null };

async function views(deps: PeopleDeps, rows: PersonRow[]): Promise<PersonView[]> {
  const ids = rows.map((r) => r.id);
  const [photos, counts, roles] = await Promise.all([
    photoViews(deps.db, rows.map((r) => r.photo_image_id), deps.mediaUrl),
    articleCounts(deps.db, 'person', ids),
    ids.length ? deps.db.selectFrom('person_roles').select(['person_id', 'edition', 'role']).where('person_id', 'in', ids).execute() : Promise.resolve([]),
  ]);
  return rows.map((r) => ({
    id: r.id,
    slug: r.slug,
    name: r.name,
    description: r.description,
    photo: r.photo_image_id !== null ? (photos.get(r.photo_image_id) ?? null) : null,
    aliases: jsonList<string>(r.aliases),
    wikidata: r.wikidata,
    roles: Object.fromEntries(roles.filter((x) => x.person_id === r.id).map((x) => [x.edition, x.role])),
    role: r.role,
    articles: counts.get(r.id) ?? 0,
    mergedInto: r.merged_into,
  }));
}

const COLUMNS = ['id', 'slug', 'name', 'role', 'description', 'photo_image_id', 'aliases', 'wikidata', 'merged_into'] as const;

/** People by name (or another name they go by), merged ones left out; `page` from 1. */
export async function listPeople(deps: PeopleDeps, input: { q?: string; page: number }) {
  const { rows, ...page } = await pageByName<PersonRow>(deps.db.selectFrom('people'), COLUMNS, { ...input, search: ['name', 'aliases'] });
  return { ...page, people: await views(deps, rows) };
}

const row = (db: Db, id: number) => namedRow<PersonRow>(db, 'person', COLUMNS, id);

export async function getPerson(deps: PeopleDeps, id: number): Promise<PersonView> {
  return (await views(deps, [await row(deps.db, id)]))[0];
}

/** Changes what the newsroom says of a person; a new slug keeps the former one answering 301. */
export async function updatePerson(deps: PeopleDeps, id: number, input: unknown, actor: Actor): Promise<PersonView> {
  const patch = parseBody(PersonPatch, input);
  await checkPhoto(deps.db, patch.photoImageId);
  if (patch.roles) {
    const known = new Set((await deps.db.selectFrom('editions').select('code').execute()).map((e) => e.code));
    const issues = Object.keys(patch.roles)
      .filter((code) => !known.has(code))
      .map((code) => ({ field: `roles.${code}`, message: `no edition ${code}` }));
    if (issues.length) throw new ValidationFailed(issues);
  }
  const at = deps.now().toISOString();
  await deps.db.transaction().execute(async (trx) => {
    const before = await rowToUpdate<PersonRow>(trx, 'person', COLUMNS, id);
    const set: Record<string, unknown> = {};
    if (patch.name !== undefined && patch.name !== before.name) set.name = patch.name;
    if (patch.description !== undefined) set.description = patch.description;
    if (patch.photoImageId !== undefined) set.photo_image_id = patch.photoImageId;
    if (patch.wikidata !== undefined) set.wikidata = patch.wikidata;
    if (patch.aliases !== undefined) set.aliases = JSON.stringify([...new Set(patch.aliases)]);
    // A new name gives a new slug unless one is given; the former slug keeps answering.
    const slug = await updateSlug(trx, 'person', before, patch, at);
    if (Object.keys(set).length) await trx.updateTable('people').set(set).where('id', '=', id).execute();
    for (const [edition, role] of Object.entries(patch.roles ?? {})) {
      await trx.deleteFrom('person_roles').where('person_id', '=', id).where('edition', '=', edition).execute();
      if (role) await trx.insertInto('person_roles').values({ person_id: id, edition, role }).execute();
    }
    if (set.name !== undefined || set.aliases !== undefined) await indexNames(trx, 'person', [id]);
    await audit(trx, deps.now(), actor, 'person.update', `person:${id}`, { ...patch, slug: slug !== before.slug ? slug : undefined });
    await bumpContentVersion(trx, [key.person(id)]);
  });
  return getPerson(deps, id);
}

/**
 * Merges person `id` into `into` in one transaction: their quotes' links move,
 * the kept person takes the other's names as aliases (and their roles, photo,
 * description and Wikidata item where the kept one has none), and the merged
 * one's page answers 301 to the kept one's. Quotes name people by name, so
 * they need no rewriting: the name leads to the kept person (RelationWriter).
 */
export async function mergePerson(deps: PeopleDeps, id: number, input: unknown, actor: Actor): Promise<PersonView> {
  const { into } = parseBody(MergeInput, input);
  await deps.db.transaction().execute(async (trx) => {
    const { from, kept } = await rowsToMerge<PersonRow>(trx, 'person', COLUMNS, id, into);
    const aliases = [...new Set([...jsonList<string>(kept.aliases), from.name, ...jsonList<string>(from.aliases)])].filter((n) => n !== kept.name);
    await trx
      .updateTable('people')
      .set({
        aliases: JSON.stringify(aliases),
        description: kept.description ?? from.description,
        photo_image_id: kept.photo_image_id ?? from.photo_image_id,
        wikidata: kept.wikidata ?? from.wikidata,
        role: kept.role ?? from.role,
      })
      .where('id', '=', into)
      .execute();
    // The kept person's roles win; the other's fill the editions it has none for.
    const keptRoles = new Set((await trx.selectFrom('person_roles').select('edition').where('person_id', '=', into).execute()).map((r) => r.edition));
    for (const r of await trx.selectFrom('person_roles').select(['edition', 'role']).where('person_id', '=', id).execute()) {
      if (!keptRoles.has(r.edition)) await trx.insertInto('person_roles').values({ person_id: into, edition: r.edition, role: r.role }).execute();
    }
    await trx.deleteFrom('person_roles').where('person_id', '=', id).execute();
    const keys = await mergeLinks(trx, 'person', id, into);
    await aliasMergedSlug(trx, 'person', from, into, deps.now().toISOString());
    await audit(trx, deps.now(), actor, 'person.merge', `person:${into}`, { merged: id, name: from.name });
    await bumpContentVersion(trx, keys);
  });
  return getPerson(deps, into);
}
