import { z } from 'zod';
import type { FieldIssue } from '../errors.ts';
import { cardOf } from '../identity/identity.service.ts';
import { parseIdentity, type EditionIdentity } from '../identity/identity.ts';
import { inBatches } from '../store/batches.ts';
import type { Db } from '../store/db.ts';
import { EditionCode, Slug } from './article.schema.ts';
import { BlockInput, type StoredBlock } from './blocks.ts';
import { EXPORT_BATCH } from './export.service.ts';

/**
 * The site structure of a version 4 archive (docs/backup.md): topics, people
 * and authors with their profiles, static pages, menus, former slugs of
 * sections, pages, topics, people and authors, the links between translated
 * articles, and pictures' focal points. Everything is named by edition and
 * slug (pictures by their path in the archive), never by this site's ids.
 */

const code = EditionCode;
/** People, authors and topics keep the slug they have, whatever made it. */
const nameSlug = z.string().trim().min(1, 'required').max(200);
const text = (max: number) => z.string().max(max);
const mediaRef = z.string().startsWith('media/', 'expected a path under media/ in the archive').max(1000);
const isoTime = z.iso.datetime({ offset: true });

const Tag = z.strictObject({
  edition: code,
  slug: nameSlug,
  name: z.string().trim().min(1, 'required').max(200),
  description: text(5000).nullable(),
  featured: z.boolean(),
  mergedInto: nameSlug.nullable(),
});
const Person = z.strictObject({
  slug: nameSlug,
  name: z.string().trim().min(1, 'required').max(200),
  role: text(500).nullable(),
  description: text(5000).nullable(),
  photo: mediaRef.nullable(),
  aliases: z.array(text(200)).max(100),
  wikidata: z.string().regex(/^Q\d+$/, 'expected a Wikidata id such as Q42').nullable(),
  mergedInto: nameSlug.nullable(),
  roles: z.array(z.strictObject({ edition: code, role: text(500) })),
});
const Author = z.strictObject({
  slug: nameSlug,
  name: z.string().trim().min(1, 'required').max(200),
  bio: text(5000).nullable(),
  role: text(500).nullable(),
  photo: mediaRef.nullable(),
  social: z.array(z.strictObject({ network: text(50), url: text(2000) })).max(50),
  mergedInto: nameSlug.nullable(),
});
const Page = z.strictObject({
  edition: code,
  slug: Slug,
  title: z.string().trim().min(1, 'required').max(300),
  description: text(2000).nullable(),
  kind: z.enum(['about', 'contact', 'legal', 'privacy', 'charter', 'other']).nullable(),
  body: z.array(BlockInput).max(500),
  status: z.enum(['draft', 'published']),
  inFooter: z.boolean(),
  position: z.number().int().min(0),
  createdAt: isoTime,
  updatedAt: isoTime,
  publishedAt: isoTime.nullable(),
});
const MenuItem = z.strictObject({
  edition: code,
  menu: z.enum(['header', 'footer']),
  position: z.number().int().min(0),
  kind: z.enum(['section', 'page', 'topic', 'url']),
  /** The slug of the section, page or topic (in the item's edition); null for an address. */
  target: nameSlug.nullable(),
  url: text(2000).nullable(),
  label: text(200).nullable(),
});
const SlugAlias = z.strictObject({
  kind: z.enum(['section', 'page', 'tag', 'person', 'author']),
  /** '' for people and authors, who belong to every edition. */
  edition: z.union([z.literal(''), code]),
  slug: nameSlug,
  target: nameSlug,
  createdAt: isoTime,
});
const Translation = z.strictObject({
  edition: code,
  slug: Slug,
  from: z.strictObject({ edition: code, slug: Slug }),
  /** How many saves of the source came after the translation was made (0: up to date). */
  behind: z.number().int().min(0),
});
const FocalPoint = z.strictObject({ image: mediaRef, x: z.number().min(0).max(1), y: z.number().min(0).max(1) });

/** The shapes of the structure's data files, by kind (the folder they sit in). */
export const SITE_ROWS = {
  tags: Tag,
  people: Person,
  authors: Author,
  pages: Page,
  'menu-items': MenuItem,
  'slug-aliases': SlugAlias,
  translations: Translation,
  'focal-points': FocalPoint,
} as const;
export type SiteKind = keyof typeof SITE_ROWS;
export const SITE_KINDS = Object.keys(SITE_ROWS) as SiteKind[];
export const SITE_COUNTS: Record<SiteKind, 'tags' | 'people' | 'authors' | 'pages' | 'menuItems' | 'slugAliases' | 'translations' | 'focalPoints'> = {
  tags: 'tags',
  people: 'people',
  authors: 'authors',
  pages: 'pages',
  'menu-items': 'menuItems',
  'slug-aliases': 'slugAliases',
  translations: 'translations',
  'focal-points': 'focalPoints',
};
type Row<K extends SiteKind> = z.infer<(typeof SITE_ROWS)[K]>;

/** An edition's identity as the archive carries it: its files by their path in the archive, its social picture by the picture's path. */
export type PortableIdentity = Omit<EditionIdentity, 'socialImageId' | 'socialImage'> & { socialPicture?: string };

/** The picture paths a row of the structure names (people's and authors' photos, pages' figures, focal points). */
export function sitePictureRefs(kind: string, row: unknown): Array<[string, unknown]> {
  const r = (row ?? {}) as Record<string, any>;
  if (kind === 'people' || kind === 'authors') return r.photo != null ? [['photo', r.photo]] : [];
  if (kind === 'pages' && Array.isArray(r.body)) return r.body.map((b: any, j: number): [string, unknown] => [`body[${j}].image`, b?.type === 'figure' ? b.image : undefined]).filter(([, v]: [string, unknown]) => v !== undefined);
  return [];
}

/** The media files an identity keeps (logo, icons), by their key in the media storage. */
export function identityFiles(id: Pick<EditionIdentity, 'logo' | 'icons'> | undefined): string[] {
  if (!id) return [];
  return [...(id.logo ? [id.logo.key] : []), ...Object.values(id.icons ?? {})];
}

// ---------------------------------------------------------------- export

/** The identity as written in the manifest; the files it names are added to `files` (archive path → media key). */
export async function portableIdentity(db: Db, json: string | null, files: Map<string | number, string>): Promise<PortableIdentity | undefined> {
  if (!json) return undefined;
  const { socialImageId, socialImage: _card, ...rest } = parseIdentity(json);
  for (const key of identityFiles(rest)) files.set(`identity:${key}`, key);
  let socialPicture: string | undefined;
  if (socialImageId) {
    const img = await db.selectFrom('images').select('original').where('id', '=', socialImageId).executeTakeFirst();
    if (img) {
      socialPicture = `media/${img.original}`;
      files.set(socialPicture, img.original);
    }
  }
  return { ...rest, ...(socialPicture ? { socialPicture } : {}) };
}

export async function countSiteRows(db: Db): Promise<Record<(typeof SITE_COUNTS)[SiteKind], number>> {
  const n = async (table: 'tags' | 'people' | 'authors' | 'pages') =>
    Number((await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const focalPoints = Number((await db.selectFrom('images').select((eb) => eb.fn.countAll<number>().as('n')).where('focal_x', 'is not', null).where('focal_y', 'is not', null).executeTakeFirstOrThrow()).n);
  const translations = Number((await db.selectFrom('articles').select((eb) => eb.fn.countAll<number>().as('n')).where('translated_from', 'is not', null).executeTakeFirstOrThrow()).n);
  // Menu items and former slugs whose target is gone are left out of the archive (see siteRows): not counted either.
  const live = (table: 'menu_items' | 'slug_aliases', kinds: Record<string, 'sections' | 'pages' | 'tags' | 'people' | 'authors'>) =>
    db
      .selectFrom(`${table} as m` as 'menu_items as m')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where((eb) =>
        eb.or([
          ...(table === 'menu_items' ? [eb('m.kind', '=', 'url')] : []),
          ...Object.entries(kinds).map(([kind, t]) => eb.and([eb('m.kind', '=', kind), eb.exists(eb.selectFrom(`${t} as x` as 'tags as x').select('x.id').whereRef('x.id', '=', 'm.target_id'))])),
        ]),
      )
      .executeTakeFirstOrThrow()
      .then((r) => Number(r.n));
  const menuItems = await live('menu_items', { section: 'sections', page: 'pages', topic: 'tags' });
  const slugAliases = await live('slug_aliases', { section: 'sections', page: 'pages', tag: 'tags', person: 'people', author: 'authors' });
  return { tags: await n('tags'), people: await n('people'), authors: await n('authors'), pages: await n('pages'), menuItems, slugAliases, translations, focalPoints };
}

/**
 * The structure's rows by kind, a batch (EXPORT_BATCH rows) at a time, keyset
 * by id. Pictures named are added to `files`.
 */
export async function* siteRows(db: Db, files: Map<string | number, string>): AsyncGenerator<{ kind: SiteKind; rows: unknown[] }> {
  const picture = async (id: number | null): Promise<string | null> => {
    if (id === null) return null;
    const img = await db.selectFrom('images').select('original').where('id', '=', id).executeTakeFirst();
    if (!img) return null;
    const ref = `media/${img.original}`;
    files.set(ref, img.original);
    return ref;
  };
  async function* byId<T extends { id: number }>(read: (after: number) => Promise<T[]>): AsyncGenerator<T[]> {
    let after = 0;
    for (;;) {
      const rows = await read(after);
      if (!rows.length) return;
      yield rows;
      if (rows.length < EXPORT_BATCH) return;
      after = rows[rows.length - 1].id;
    }
  }
  const slugOf = async (table: 'tags' | 'people' | 'authors', id: number | null) =>
    id === null ? null : ((await db.selectFrom(table).select('slug').where('id', '=', id).executeTakeFirst())?.slug ?? null);

  for await (const rows of byId((after) => db.selectFrom('tags').selectAll().where('id', '>', after).orderBy('id').limit(EXPORT_BATCH).execute())) {
    const out: Row<'tags'>[] = [];
    for (const t of rows) out.push({ edition: t.edition, slug: t.slug, name: t.name, description: t.description, featured: Boolean(t.featured), mergedInto: await slugOf('tags', t.merged_into) });
    yield { kind: 'tags', rows: out };
  }
  for await (const rows of byId((after) => db.selectFrom('people').selectAll().where('id', '>', after).orderBy('id').limit(EXPORT_BATCH).execute())) {
    const roles = await db.selectFrom('person_roles').selectAll().where('person_id', 'in', rows.map((p) => p.id)).orderBy('edition').execute();
    const out: Row<'people'>[] = [];
    for (const p of rows)
      out.push({
        slug: p.slug,
        name: p.name,
        role: p.role,
        description: p.description,
        photo: await picture(p.photo_image_id),
        aliases: jsonArray(p.aliases) as string[],
        wikidata: p.wikidata,
        mergedInto: await slugOf('people', p.merged_into),
        roles: roles.filter((r) => r.person_id === p.id).map((r) => ({ edition: r.edition, role: r.role })),
      });
    yield { kind: 'people', rows: out };
  }
  for await (const rows of byId((after) => db.selectFrom('authors').selectAll().where('id', '>', after).orderBy('id').limit(EXPORT_BATCH).execute())) {
    const out: Row<'authors'>[] = [];
    for (const u of rows)
      out.push({ slug: u.slug, name: u.name, bio: u.bio, role: u.role, photo: await picture(u.photo_image_id), social: jsonArray(u.social) as Row<'authors'>['social'], mergedInto: await slugOf('authors', u.merged_into) });
    yield { kind: 'authors', rows: out };
  }
  for await (const rows of byId((after) => db.selectFrom('pages').selectAll().where('id', '>', after).orderBy('id').limit(EXPORT_BATCH).execute())) {
    const out: unknown[] = [];
    for (const p of rows) {
      const body = [];
      for (const b of jsonArray(p.body) as StoredBlock[]) {
        if (b.type !== 'figure') body.push(b);
        else {
          const { imageId, ...rest } = b;
          body.push({ ...rest, image: await picture(imageId) });
        }
      }
      out.push({
        edition: p.edition,
        slug: p.slug,
        title: p.title,
        description: p.description,
        kind: p.kind,
        body,
        status: p.status,
        inFooter: Boolean(p.in_footer),
        position: Number(p.position),
        createdAt: p.created_at,
        updatedAt: p.updated_at,
        publishedAt: p.published_at,
      });
    }
    yield { kind: 'pages', rows: out };
  }
  for await (const rows of byId((after) => db.selectFrom('menu_items').selectAll().where('id', '>', after).orderBy('id').limit(EXPORT_BATCH).execute())) {
    const out: Row<'menu-items'>[] = [];
    for (const m of rows) {
      const table = m.kind === 'section' ? 'sections' : m.kind === 'page' ? 'pages' : m.kind === 'topic' ? 'tags' : null;
      const target = table && m.target_id !== null ? ((await db.selectFrom(table).select('slug').where('id', '=', m.target_id).executeTakeFirst())?.slug ?? null) : null;
      // An item whose target is gone shows nothing to readers: it is left out rather than restored broken.
      if (table && target === null) continue;
      out.push({ edition: m.edition, menu: m.menu as 'header' | 'footer', position: Number(m.position), kind: m.kind as Row<'menu-items'>['kind'], target, url: m.url, label: m.label });
    }
    yield { kind: 'menu-items', rows: out };
  }
  {
    let after: [string, string, string] | undefined;
    for (;;) {
      const rows = await db
        .selectFrom('slug_aliases')
        .selectAll()
        .$if(after !== undefined, (q) => q.where((eb) => eb.or([eb('kind', '>', after![0]), eb.and([eb('kind', '=', after![0]), eb.or([eb('edition', '>', after![1]), eb.and([eb('edition', '=', after![1]), eb('slug', '>', after![2])])])])])))
        .orderBy('kind')
        .orderBy('edition')
        .orderBy('slug')
        .limit(EXPORT_BATCH)
        .execute();
      if (!rows.length) break;
      const out: Row<'slug-aliases'>[] = [];
      for (const r of rows) {
        const table = ({ section: 'sections', page: 'pages', tag: 'tags', person: 'people', author: 'authors' } as const)[r.kind as Row<'slug-aliases'>['kind']];
        const target = (await db.selectFrom(table).select('slug').where('id', '=', r.target_id).executeTakeFirst())?.slug;
        if (target !== undefined) out.push({ kind: r.kind as Row<'slug-aliases'>['kind'], edition: r.edition, slug: r.slug, target, createdAt: r.created_at });
      }
      yield { kind: 'slug-aliases', rows: out };
      if (rows.length < EXPORT_BATCH) break;
      const last = rows[rows.length - 1];
      after = [last.kind, last.edition, last.slug];
    }
  }
  for await (const rows of byId((after) =>
    db
      .selectFrom('articles as a')
      .innerJoin('articles as s', 's.id', 'a.translated_from')
      .select(['a.id', 'a.edition', 'a.slug', 'a.translated_version', 's.edition as from_edition', 's.slug as from_slug', 's.version as from_version'])
      .where('a.id', '>', after)
      .orderBy('a.id')
      .limit(EXPORT_BATCH)
      .execute(),
  ))
    yield {
      kind: 'translations',
      rows: rows.map((r) => ({ edition: r.edition, slug: r.slug, from: { edition: r.from_edition, slug: r.from_slug }, behind: Math.max(0, Number(r.from_version) - Number(r.translated_version ?? r.from_version)) })),
    };
  // Focal points of every picture that has one; the restore keeps those of the pictures the archive carries.
  for await (const rows of byId((after) => db.selectFrom('images').select(['id', 'original', 'focal_x', 'focal_y']).where('focal_x', 'is not', null).where('focal_y', 'is not', null).where('id', '>', after).orderBy('id').limit(EXPORT_BATCH).execute()))
    yield { kind: 'focal-points', rows: rows.map((f) => ({ image: `media/${f.original}`, x: Number(f.focal_x), y: Number(f.focal_y) })) };
}

function jsonArray(json: string | null): unknown[] {
  try {
    const v = JSON.parse(json ?? '[]');
    return Array.isArray(v) ? v : [];
  } catch {
    return [];
  }
}

// ---------------------------------------------------------------- restore

/** What the check pass learns of the structure's rows, to check the references between them. */
export class SiteCheck {
  tags = new Set<string>();
  people = new Set<string>();
  authors = new Set<string>();
  pages = new Set<string>();
  private aliases = new Set<string>();
  private later: Array<() => void> = [];

  constructor(
    private editions: Set<string>,
    private sections: Set<string>,
    private articles: (edition: string, slug: string) => boolean,
    private add: (field: string, message: string) => void,
  ) {}

  /** Checks one parsed row; references to other rows are checked by `finish()`, once every row is read. */
  row(kind: SiteKind, at: string, v: any): void {
    const edition = (e: string, field = 'edition') => {
      if (e !== '' && !this.editions.has(e)) this.add(`${at}: ${field}`, `unknown edition "${e}"`);
    };
    const twice = (set: Set<string>, key: string, what: string) => {
      if (set.has(key)) this.add(`${at}: slug`, `${what} is listed twice`);
      set.add(key);
    };
    const merged = (set: Set<string>, key: (s: string) => string, what: string) => {
      if (v.mergedInto === null) return;
      if (v.mergedInto === v.slug) this.add(`${at}: mergedInto`, `${what} cannot be merged into itself`);
      this.later.push(() => {
        if (!set.has(key(v.mergedInto))) this.add(`${at}: mergedInto`, `no ${what} "${v.mergedInto}" in the archive`);
      });
    };
    switch (kind) {
      case 'tags':
        edition(v.edition);
        twice(this.tags, `${v.edition}/${v.slug}`, `topic "${v.slug}" of edition ${v.edition}`);
        merged(this.tags, (s) => `${v.edition}/${s}`, 'topic');
        break;
      case 'people':
        twice(this.people, v.slug, `person "${v.slug}"`);
        merged(this.people, (s) => s, 'person');
        (v.roles as Array<{ edition: string }>).forEach((r, i) => edition(r.edition, `roles[${i}].edition`));
        break;
      case 'authors':
        twice(this.authors, v.slug, `author "${v.slug}"`);
        merged(this.authors, (s) => s, 'author');
        break;
      case 'pages':
        edition(v.edition);
        twice(this.pages, `${v.edition}/${v.slug}`, `page "${v.slug}" of edition ${v.edition}`);
        (v.body as Array<{ type: string }>).forEach((b, i) => {
          if (b.type === 'video') this.add(`${at}: body[${i}]`, 'video blocks are not available on static pages');
        });
        break;
      case 'menu-items':
        edition(v.edition);
        if (v.kind === 'url') {
          if (v.url === null) this.add(`${at}: url`, 'required for an address');
        } else if (v.target === null) this.add(`${at}: target`, `required for a ${v.kind}`);
        else this.later.push(() => this.target(at, 'target', v.kind === 'topic' ? 'tag' : v.kind, v.edition, v.target));
        break;
      case 'slug-aliases':
        if (this.aliases.has(`${v.kind}/${v.edition}/${v.slug}`)) this.add(`${at}: slug`, `former ${v.kind} slug "${v.slug}" is listed twice`);
        this.aliases.add(`${v.kind}/${v.edition}/${v.slug}`);
        if ((v.kind === 'person' || v.kind === 'author') !== (v.edition === '')) this.add(`${at}: edition`, v.edition === '' ? `required for a ${v.kind}` : `expected "" for a ${v.kind}`);
        else edition(v.edition);
        this.later.push(() => this.target(at, 'target', v.kind, v.edition, v.target));
        break;
      case 'translations':
        edition(v.edition);
        if (!this.articles(v.edition, v.slug)) this.add(`${at}: slug`, `no article ${v.edition}/${v.slug} in the archive`);
        if (!this.articles(v.from.edition, v.from.slug)) this.add(`${at}: from`, `no article ${v.from.edition}/${v.from.slug} in the archive`);
        break;
      case 'focal-points':
        break;
    }
  }

  private target(at: string, field: string, kind: string, edition: string, slug: string) {
    const found =
      kind === 'section' ? this.sections.has(`${edition}/${slug}`) : kind === 'page' ? this.pages.has(`${edition}/${slug}`) : kind === 'tag' ? this.tags.has(`${edition}/${slug}`) : kind === 'person' ? this.people.has(slug) : this.authors.has(slug);
    const what = kind === 'tag' ? 'topic' : kind;
    if (!found) this.add(`${at}: ${field}`, `no ${what} "${slug}"${edition ? ` in edition ${edition}` : ''} in the archive`);
  }

  finish(): void {
    for (const f of this.later) f();
    this.later = [];
  }
}

export interface SiteWriter {
  trx: Db;
  /** The restored picture's id, by its path in the archive. */
  imageId: (ref: string) => number;
  nowIso: string;
}

/** Topics, people and authors: made when no article named them (a merged one, say), their profiles set either way. */
export async function writeProfiles(w: SiteWriter, rows: { tags: AsyncIterable<Row<'tags'>>; people: AsyncIterable<Row<'people'>>; authors: AsyncIterable<Row<'authors'>> }): Promise<void> {
  const { trx } = w;
  const merges: Array<() => Promise<void>> = [];
  for await (const t of rows.tags) {
    const values = { name: t.name, description: t.description, featured: t.featured ? 1 : 0 };
    const found = await trx.selectFrom('tags').select('id').where('edition', '=', t.edition).where('slug', '=', t.slug).executeTakeFirst();
    if (found) await trx.updateTable('tags').set(values).where('id', '=', found.id).execute();
    else await trx.insertInto('tags').values({ edition: t.edition, slug: t.slug, ...values }).execute();
    if (t.mergedInto !== null) {
      const into = t.mergedInto;
      merges.push(async () => {
        const target = await trx.selectFrom('tags').select('id').where('edition', '=', t.edition).where('slug', '=', into).executeTakeFirstOrThrow();
        await trx.updateTable('tags').set({ merged_into: target.id }).where('edition', '=', t.edition).where('slug', '=', t.slug).execute();
      });
    }
  }
  for await (const p of rows.people) {
    const values = { name: p.name, role: p.role, description: p.description, photo_image_id: p.photo === null ? null : w.imageId(p.photo), aliases: JSON.stringify(p.aliases), wikidata: p.wikidata };
    const found = await trx.selectFrom('people').select('id').where('slug', '=', p.slug).executeTakeFirst();
    const id = found
      ? (await trx.updateTable('people').set(values).where('id', '=', found.id).execute(), found.id)
      : (await trx.insertInto('people').values({ slug: p.slug, ...values }).returning('id').executeTakeFirstOrThrow()).id;
    await trx.deleteFrom('person_roles').where('person_id', '=', id).execute();
    if (p.roles.length) await trx.insertInto('person_roles').values(p.roles.map((r) => ({ person_id: id, edition: r.edition, role: r.role }))).execute();
    if (p.mergedInto !== null) {
      const into = p.mergedInto;
      merges.push(async () => {
        const target = await trx.selectFrom('people').select('id').where('slug', '=', into).executeTakeFirstOrThrow();
        await trx.updateTable('people').set({ merged_into: target.id }).where('id', '=', id).execute();
      });
    }
  }
  for await (const u of rows.authors) {
    const values = { name: u.name, bio: u.bio, role: u.role, photo_image_id: u.photo === null ? null : w.imageId(u.photo), social: JSON.stringify(u.social) };
    const found = await trx.selectFrom('authors').select('id').where('slug', '=', u.slug).executeTakeFirst();
    const id = found
      ? (await trx.updateTable('authors').set(values).where('id', '=', found.id).execute(), found.id)
      : (await trx.insertInto('authors').values({ slug: u.slug, ...values }).returning('id').executeTakeFirstOrThrow()).id;
    if (u.mergedInto !== null) {
      const into = u.mergedInto;
      merges.push(async () => {
        const target = await trx.selectFrom('authors').select('id').where('slug', '=', into).executeTakeFirstOrThrow();
        await trx.updateTable('authors').set({ merged_into: target.id }).where('id', '=', id).execute();
      });
    }
  }
  // Once every row of the three kinds exists: a merge may name a later row.
  for (const m of merges) await m();
  // An article names a merged one by its old name (a quote's speaker, say): its link goes to the one kept, as the merge did.
  await moveMerged(trx, 'tags', 'article_tags', 'tag_id');
  await moveMerged(trx, 'people', 'article_people', 'person_id');
  await moveMerged(trx, 'authors', 'article_authors', 'author_id');
}

async function moveMerged(trx: Db, table: 'tags' | 'people' | 'authors', links: 'article_tags' | 'article_people' | 'article_authors', column: 'tag_id' | 'person_id' | 'author_id'): Promise<void> {
  const merged = await trx.selectFrom(table as 'tags').select(['id', 'merged_into']).where('merged_into', 'is not', null).execute();
  for (const { id, merged_into } of merged) {
    // Follows a chain of merges to its end.
    let into = merged_into!;
    for (let i = 0; i < 10; i++) {
      const next = await trx.selectFrom(table as 'tags').select('merged_into').where('id', '=', into).executeTakeFirst();
      if (!next?.merged_into) break;
      into = next.merged_into;
    }
    const l = links as 'article_tags';
    const c = column as 'tag_id';
    const already = (await trx.selectFrom(l).select('article_id').where(c, '=', into).execute()).map((r) => r.article_id);
    if (already.length) await trx.deleteFrom(l).where(c, '=', id).where('article_id', 'in', already).execute();
    await trx.updateTable(l).set({ [c]: into } as { tag_id: number }).where(c, '=', id).execute();
  }
}

/** Static pages, then menus, former slugs, translation links and focal points, which name them and the rows before. */
export async function writeStructure(
  w: SiteWriter,
  rows: {
    pages: AsyncIterable<Row<'pages'>>;
    menus: AsyncIterable<Row<'menu-items'>>;
    aliases: AsyncIterable<Row<'slug-aliases'>>;
    translations: AsyncIterable<Row<'translations'>>;
    focal: AsyncIterable<Row<'focal-points'>>;
  },
): Promise<void> {
  const { trx } = w;
  for await (const p of rows.pages) {
    const body = p.body.map((b) => {
      if (b.type !== 'figure') return b as StoredBlock;
      const f = b as Record<string, any>;
      return { type: 'figure', imageId: w.imageId(String(f.image)), alt: String(f.alt ?? ''), ...(f.decorative ? { decorative: true } : {}), ...(f.caption ? { caption: f.caption } : {}), ...(f.credit ? { credit: f.credit } : {}), ...(f.archive ? { archive: true } : {}) };
    });
    await trx
      .insertInto('pages')
      .values({
        edition: p.edition,
        slug: p.slug,
        title: p.title,
        description: p.description,
        kind: p.kind,
        body: JSON.stringify(body),
        status: p.status,
        in_footer: p.inFooter ? 1 : 0,
        position: p.position,
        created_at: new Date(p.createdAt).toISOString(),
        updated_at: new Date(p.updatedAt).toISOString(),
        published_at: p.publishedAt === null ? null : new Date(p.publishedAt).toISOString(),
      })
      .execute();
  }
  const idOf = async (kind: string, edition: string, slug: string): Promise<number> => {
    if (kind === 'person' || kind === 'author') return (await trx.selectFrom(kind === 'person' ? 'people' : 'authors').select('id').where('slug', '=', slug).executeTakeFirstOrThrow()).id;
    const table = kind === 'section' ? 'sections' : kind === 'page' ? 'pages' : 'tags';
    return (await trx.selectFrom(table).select('id').where('edition', '=', edition).where('slug', '=', slug).executeTakeFirstOrThrow()).id;
  };
  const menus: Array<Record<string, unknown>> = [];
  for await (const m of rows.menus)
    menus.push({ edition: m.edition, menu: m.menu, position: m.position, kind: m.kind, target_id: m.target === null ? null : await idOf(m.kind === 'topic' ? 'tag' : m.kind, m.edition, m.target), url: m.url, label: m.label });
  await inBatches(menus, 7, (slice) => trx.insertInto('menu_items').values(slice as any).execute());
  const aliases: Array<{ kind: string; edition: string; slug: string; target_id: number; created_at: string }> = [];
  for await (const a of rows.aliases) aliases.push({ kind: a.kind, edition: a.edition, slug: a.slug, target_id: await idOf(a.kind, a.edition, a.target), created_at: new Date(a.createdAt).toISOString() });
  await inBatches(aliases, 5, (slice) => trx.insertInto('slug_aliases').values(slice).execute());
  for await (const t of rows.translations) {
    const source = await trx.selectFrom('articles').select(['id', 'version']).where('edition', '=', t.from.edition).where('slug', '=', t.from.slug).executeTakeFirstOrThrow();
    await trx
      .updateTable('articles')
      .set({ translated_from: source.id, translated_version: Math.max(0, Number(source.version) - t.behind) })
      .where('edition', '=', t.edition)
      .where('slug', '=', t.slug)
      .execute();
  }
  for await (const f of rows.focal) await trx.updateTable('images').set({ focal_x: f.x, focal_y: f.y }).where('id', '=', w.imageId(f.image)).execute();
}

/** The editions' identities (their files staged before), the social picture by its restored id. */
export async function writeIdentities(w: SiteWriter, editions: Array<{ code: string; identity?: PortableIdentity }>): Promise<void> {
  for (const e of editions) {
    if (!e.identity) continue;
    const { socialPicture, ...rest } = e.identity;
    const id: EditionIdentity = { ...rest };
    if (socialPicture) {
      const img = await w.trx.selectFrom('images').select(['id', 'original', 'width', 'height', 'variants', 'alt']).where('id', '=', w.imageId(socialPicture)).executeTakeFirstOrThrow();
      id.socialImageId = img.id;
      id.socialImage = { ...cardOf(img), ...(img.alt ? { alt: img.alt } : {}) };
    }
    await w.trx.updateTable('editions').set({ identity: JSON.stringify(id) }).where('code', '=', e.code).execute();
  }
}

/** The identity's references in the manifest, checked against the archive's media files. */
export function checkIdentity(identity: PortableIdentity | undefined, at: string, media: Set<string>): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (!identity) return issues;
  if (identity.logo && !identity.logo.key.startsWith('identity/')) issues.push({ field: `${at}.logo.key`, message: 'expected a key under identity/' });
  for (const [k, v] of Object.entries(identity.icons ?? {})) if (!v.startsWith('identity/')) issues.push({ field: `${at}.icons.${k}`, message: 'expected a key under identity/' });
  for (const key of identityFiles(identity)) if (!media.has(key)) issues.push({ field: at, message: `media/${key} is missing from the archive` });
  if (identity.socialPicture !== undefined) {
    const key = identity.socialPicture.startsWith('media/') ? identity.socialPicture.slice(6) : null;
    if (key === null) issues.push({ field: `${at}.socialPicture`, message: 'expected a path under media/ in the archive' });
    else if (!media.has(key)) issues.push({ field: `${at}.socialPicture`, message: `${identity.socialPicture} is missing from the archive` });
  }
  return issues;
}
