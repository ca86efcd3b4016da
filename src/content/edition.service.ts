import type { Db } from '../store/db.ts';
import { SITE_KEY } from '../cdn/keys.ts';
import { Conflict, NotFound } from '../errors.ts';
import { audit } from '../newsroom/audit.ts';
import type { Actor } from '../newsroom/roles.ts';
import { bumpContentVersion } from '../store/content-version.ts';
import type { Updateable } from 'kysely';
import type { EditionRow, EditionTable } from '../store/schema.ts';
import { directionOf, parseEditionCreate, parseEditionUpdate, trimBase } from './edition.schema.ts';

export interface EditionInput {
  code: string;
  name: string;
  timeZone: string;
  /** Empty: the site's PUBLIC_URL. */
  baseUrl?: string;
  isDefault?: boolean;
  /** Intl numbering system of its dates (arab: ٠١٢٣); none: the language's own. */
  numbering?: string;
}

/** Creates the edition if it does not exist yet; returns whether it did. */
export async function ensureEdition(db: Db, e: EditionInput): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const found = await trx.selectFrom('editions').select('code').where('code', '=', e.code).executeTakeFirst();
    if (found) return false;
    const count = await trx.selectFrom('editions').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    await trx
      .insertInto('editions')
      .values({
        code: e.code,
        name: e.name,
        base_url: e.baseUrl ?? '',
        time_zone: e.timeZone,
        is_default: 0,
        position: Number(count.n),
        dir: directionOf(e.code),
        numbering: e.numbering ?? null,
      })
      .execute();
    if (e.isDefault || Number(count.n) === 0) await makeDefault(trx, e.code);
    await bumpContentVersion(trx, [SITE_KEY]);
    return true;
  });
}

export interface SectionInput {
  edition: string;
  slug: string;
  name: string;
}

/** Creates sections that do not exist yet, in the given order. */
export async function ensureSections(db: Db, sections: SectionInput[]): Promise<void> {
  await db.transaction().execute(async (trx) => {
    for (const [i, s] of sections.entries()) {
      const found = await trx.selectFrom('sections').select('id').where('edition', '=', s.edition).where('slug', '=', s.slug).executeTakeFirst();
      if (!found) await trx.insertInto('sections').values({ ...s, position: i + 1, in_nav: 1 }).execute();
    }
    await bumpContentVersion(trx, [SITE_KEY]);
  });
}

/** An edition as the Admin API and the CLI show it. */
export interface ApiEdition {
  code: string;
  name: string;
  /** The language its pages are in; equals the code unless set apart. */
  language: string;
  dir: 'ltr' | 'rtl';
  /** Intl's numbering system for its dates and counts; null: the language's own. */
  numbering: string | null;
  timeZone: string;
  /** Empty: the site's own address, with the code as path prefix. */
  baseUrl: string;
  position: number;
  isDefault: boolean;
}

export interface EditionDeps {
  db: Db;
  now: () => Date;
}

function present(e: EditionRow): ApiEdition {
  return {
    code: e.code,
    name: e.name,
    language: e.language || e.code,
    dir: e.dir === 'rtl' ? 'rtl' : 'ltr',
    numbering: e.numbering,
    timeZone: e.time_zone,
    baseUrl: e.base_url,
    position: e.position,
    isDefault: e.is_default === 1,
  };
}

export async function listEditions(db: Db): Promise<ApiEdition[]> {
  return (await db.selectFrom('editions').selectAll().orderBy('position').orderBy('code').execute()).map(present);
}

/** A code no edition can have (too long, or carrying U+0000, which PostgreSQL cannot look up) names none. */
const impossible = (code: string) => code.length > 35 || code.includes('\u0000');

export async function getEdition(db: Db, code: string): Promise<ApiEdition> {
  if (impossible(code)) throw new NotFound(`no edition ${code.slice(0, 40)}`);
  const e = await db.selectFrom('editions').selectAll().where('code', '=', code).executeTakeFirst();
  if (!e) throw new NotFound(`no edition ${code}`);
  return present(e);
}

/** Makes one edition the default and every other one not, in the caller's transaction: never two, never none. */
async function makeDefault(trx: Db, code: string): Promise<void> {
  await trx.updateTable('editions').set({ is_default: 0 }).where('code', '!=', code).where('is_default', '=', 1).execute();
  await trx.updateTable('editions').set({ is_default: 1 }).where('code', '=', code).execute();
}

/**
 * Creates an edition. Its direction, when not given, follows its language
 * (ar, he, fa, ur… are rtl); the first edition is the default one.
 */
export async function createEdition(deps: EditionDeps, value: unknown, actor: Actor): Promise<ApiEdition> {
  const input = parseEditionCreate(value);
  const language = input.language ?? '';
  const row = await deps.db.transaction().execute(async (trx) => {
    if (await trx.selectFrom('editions').select('code').where('code', '=', input.code).executeTakeFirst()) {
      throw new Conflict(`edition ${input.code} already exists`, [{ field: 'code', message: `edition ${input.code} already exists` }]);
    }
    const count = Number((await trx.selectFrom('editions').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const last = await trx.selectFrom('editions').select((eb) => eb.fn.max('position').as('p')).executeTakeFirst();
    await trx
      .insertInto('editions')
      .values({
        code: input.code,
        name: input.name,
        base_url: trimBase(input.baseUrl ?? ''),
        time_zone: input.timeZone,
        is_default: 0,
        position: input.position ?? (count === 0 ? 0 : Number(last?.p ?? 0) + 1),
        language: language === input.code ? '' : language,
        dir: input.dir ?? directionOf(language || input.code),
        numbering: input.numbering ?? null,
      })
      .execute();
    if (input.isDefault || count === 0) await makeDefault(trx, input.code);
    await audit(trx, deps.now(), actor, 'edition.create', `edition:${input.code}`, input);
    await bumpContentVersion(trx, [SITE_KEY]);
    return trx.selectFrom('editions').selectAll().where('code', '=', input.code).executeTakeFirstOrThrow();
  });
  return present(row);
}

/** Changes the fields given; the code, being every address's prefix, stays. */
export async function updateEdition(deps: EditionDeps, code: string, value: unknown, actor: Actor): Promise<ApiEdition> {
  if (impossible(code)) throw new NotFound(`no edition ${code.slice(0, 40)}`);
  const input = parseEditionUpdate(value);
  const row = await deps.db.transaction().execute(async (trx) => {
    const found = await trx.selectFrom('editions').selectAll().where('code', '=', code).executeTakeFirst();
    if (!found) throw new NotFound(`no edition ${code}`);
    const set: Updateable<EditionTable> = {};
    if (input.name !== undefined) set.name = input.name;
    if (input.timeZone !== undefined) set.time_zone = input.timeZone;
    if (input.language !== undefined) {
      set.language = input.language === code ? '' : input.language;
      // A new language brings its direction unless one is given with it.
      if (input.dir === undefined) set.dir = directionOf(input.language || code);
    }
    if (input.dir !== undefined) set.dir = input.dir;
    if (input.numbering !== undefined) set.numbering = input.numbering;
    if (input.baseUrl !== undefined) set.base_url = trimBase(input.baseUrl);
    if (input.position !== undefined) set.position = input.position;
    if (Object.keys(set).length) await trx.updateTable('editions').set(set).where('code', '=', code).execute();
    if (input.isDefault) await makeDefault(trx, code);
    await audit(trx, deps.now(), actor, 'edition.update', `edition:${code}`, input);
    await bumpContentVersion(trx, [SITE_KEY]);
    return trx.selectFrom('editions').selectAll().where('code', '=', code).executeTakeFirstOrThrow();
  });
  return present(row);
}
