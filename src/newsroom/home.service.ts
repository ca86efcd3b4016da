import { Forbidden, ValidationFailed } from '../errors.ts';
import { key } from '../cdn/keys.ts';
import { bumpContentVersion } from '../store/content-version.ts';
import { isId } from '../store/ids.ts';
import type { ArticleDeps } from './articles.service.ts';
import { audit } from './audit.ts';
import { atLeast, type Actor } from './roles.ts';

/** Replaces the pinned stories of an edition's home page, in order (the first is the lead). */
export async function setHomeSlots(deps: ArticleDeps, edition: string, articleIds: unknown, actor: Actor): Promise<void> {
  if (!atLeast(actor, 'editor')) throw new Forbidden('only an editor curates the home page');
  if (!Array.isArray(articleIds) || articleIds.some((x) => !isId(x)) || articleIds.length > 20)
    throw new ValidationFailed([{ field: 'articleIds', message: 'expected at most 20 article ids' }]);
  const ids = [...new Set(articleIds as number[])];
  const found = ids.length
    ? await deps.db.selectFrom('articles').select('id').where('id', 'in', ids).where('edition', '=', edition).execute()
    : [];
  const missing = ids.filter((id) => !found.some((f) => f.id === id));
  if (missing.length) throw new ValidationFailed([{ field: 'articleIds', message: `not in edition ${edition}: ${missing.join(', ')}` }]);
  await deps.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('home_slots').where('edition', '=', edition).execute();
    if (ids.length) await trx.insertInto('home_slots').values(ids.map((article_id, position) => ({ edition, position, article_id }))).execute();
    await audit(trx, deps.now(), actor, 'home.update', `edition:${edition}`, { articleIds: ids });
    await bumpContentVersion(trx, [key.home(edition)]);
  });
}
