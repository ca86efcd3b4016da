import type { Db } from '../store/db.ts';
import { SITE_KEY } from '../cdn/keys.ts';
import { bumpContentVersion } from '../store/content-version.ts';

export interface EditionInput {
  code: string;
  name: string;
  timeZone: string;
  /** Empty: the site's PUBLIC_URL. */
  baseUrl?: string;
  isDefault?: boolean;
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
        is_default: e.isDefault || Number(count.n) === 0 ? 1 : 0,
        position: Number(count.n),
      })
      .execute();
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
