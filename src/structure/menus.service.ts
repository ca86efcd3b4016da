import { z } from 'zod';
import { NotFound, ValidationFailed, type FieldIssue } from '../errors.ts';
import { audit } from '../newsroom/audit.ts';
import type { Actor } from '../newsroom/roles.ts';
import { bumpContentVersion } from '../store/content-version.ts';
import type { Db } from '../store/db.ts';
import { idNumber } from '../store/ids.ts';
import type { StructureDeps } from './sections.service.ts';
import { isMenuUrl, parseOr422 } from './structure.schema.ts';

/**
 * An edition's header and footer menus: ordered links to a section, a static
 * page, a topic or any address. Each menu is replaced whole, in one transaction.
 */
export const MENUS = ['header', 'footer'] as const;
export type MenuName = (typeof MENUS)[number];

export interface ApiMenuItem {
  kind: 'section' | 'page' | 'topic' | 'url';
  targetId: number | null;
  url: string | null;
  /** Null: the target's own name. */
  label: string | null;
}

const Item = z.strictObject({
  kind: z.enum(['section', 'page', 'topic', 'url'], { error: 'expected section, page, topic or url' }),
  targetId: idNumber().nullable().optional(),
  url: z.string().trim().max(2000, 'at most 2000 characters').nullable().optional(),
  label: z.string().trim().max(100, 'at most 100 characters').nullable().optional(),
});
const Items = z.array(Item).max(50, 'at most 50 links');
const MenusInput = z.strictObject({ header: Items.optional(), footer: Items.optional() });

export async function getMenus(deps: StructureDeps, edition: string): Promise<Record<MenuName, ApiMenuItem[]>> {
  await editionOrNotFound(deps.db, edition);
  const rows = await deps.db.selectFrom('menu_items').selectAll().where('edition', '=', edition).orderBy('menu').orderBy('position').orderBy('id').execute();
  const out: Record<MenuName, ApiMenuItem[]> = { header: [], footer: [] };
  for (const r of rows) {
    if (r.menu !== 'header' && r.menu !== 'footer') continue;
    out[r.menu].push({ kind: r.kind as ApiMenuItem['kind'], targetId: r.target_id, url: r.url, label: r.label });
  }
  return out;
}

async function editionOrNotFound(db: Db, edition: string): Promise<void> {
  if (!(await db.selectFrom('editions').select('code').where('code', '=', edition).executeTakeFirst())) throw new NotFound(`no edition ${edition}`);
}

/** Checks each link's target (in this edition) or address; issues name `header[2].url`. */
async function check(db: Db, edition: string, menu: MenuName, items: z.infer<typeof Items>): Promise<FieldIssue[]> {
  const issues: FieldIssue[] = [];
  for (const [i, it] of items.entries()) {
    const at = `${menu}[${i}]`;
    if (it.kind === 'url') {
      if (!it.url) issues.push({ field: `${at}.url`, message: 'required: an http(s) address or a path of this site starting with /' });
      else if (!isMenuUrl(it.url)) issues.push({ field: `${at}.url`, message: 'expected an http(s) address (https://…) or a path of this site starting with / (such as /fr/page/contact)' });
      continue;
    }
    if (it.targetId == null) {
      issues.push({ field: `${at}.targetId`, message: `required: the id of the ${it.kind === 'topic' ? 'topic' : it.kind}` });
      continue;
    }
    const table = it.kind === 'section' ? 'sections' : it.kind === 'page' ? 'pages' : 'tags';
    const row = await db.selectFrom(table).select(['id', 'edition']).where('id', '=', it.targetId).executeTakeFirst();
    if (!row) issues.push({ field: `${at}.targetId`, message: `no ${it.kind} ${it.targetId}` });
    else if (row.edition !== edition) issues.push({ field: `${at}.targetId`, message: `the ${it.kind} ${it.targetId} is in the ${row.edition} edition, not ${edition}` });
  }
  return issues;
}

/** Replaces the menus given (header, footer or both) with the ordered lists sent. */
export async function putMenus(deps: StructureDeps, edition: string, value: unknown, actor: Actor): Promise<Record<MenuName, ApiMenuItem[]>> {
  await editionOrNotFound(deps.db, edition);
  const input = parseOr422(MenusInput, value);
  if (!input.header && !input.footer) throw new ValidationFailed([{ field: 'header', message: 'send header, footer or both: each an ordered list of links' }]);
  const at = deps.now();
  await deps.db.transaction().execute(async (trx) => {
    const issues: FieldIssue[] = [];
    for (const menu of MENUS) if (input[menu]) issues.push(...(await check(trx, edition, menu, input[menu])));
    if (issues.length) throw new ValidationFailed(issues);
    for (const menu of MENUS) {
      const items = input[menu];
      if (!items) continue;
      await trx.deleteFrom('menu_items').where('edition', '=', edition).where('menu', '=', menu).execute();
      if (items.length)
        await trx
          .insertInto('menu_items')
          .values(
            items.map((it, i) => ({
              edition,
              menu,
              position: i + 1,
              kind: it.kind,
              target_id: it.kind === 'url' ? null : it.targetId!,
              url: it.kind === 'url' ? it.url! : null,
              label: it.label || null,
            })),
          )
          .execute();
    }
    await audit(trx, at, actor, 'menu.replace', `edition:${edition}`, { header: input.header?.length, footer: input.footer?.length });
    // Menus are in the frame of every page.
    await bumpContentVersion(trx);
  });
  return getMenus(deps, edition);
}
