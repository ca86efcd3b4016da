import { ValidationFailed } from '../errors.ts';
import { mediaHref } from '../content/paths.ts';
import type { Db } from '../store/db.ts';

/** A library picture as the admin shows it beside a person or an author. */
export interface PhotoView {
  id: number;
  url: string;
  width: number;
  height: number;
  alt: string;
}

/** The image rows a page needs to draw these pictures (picture.tsx), by id. */
export async function photoRows(db: Db, ids: Array<number | null>) {
  const wanted = [...new Set(ids.filter((i): i is number => i !== null))];
  if (!wanted.length) return new Map<number, { id: number; original: string; variants: string; width: number; height: number; alt: string }>();
  const rows = await db.selectFrom('images').select(['id', 'original', 'variants', 'width', 'height', 'alt']).where('id', 'in', wanted).execute();
  return new Map(rows.map((r) => [r.id, r]));
}

export async function photoViews(db: Db, ids: Array<number | null>, mediaUrl?: string): Promise<Map<number, PhotoView>> {
  const rows = await photoRows(db, ids);
  return new Map([...rows].map(([id, r]) => [id, { id, url: mediaHref(r.original, '', mediaUrl), width: r.width, height: r.height, alt: r.alt }]));
}

/** A photo id given in a body must name a picture of the library. */
export async function checkPhoto(db: Db, id: number | null | undefined, field = 'photoImageId'): Promise<void> {
  if (id === null || id === undefined) return;
  const row = await db.selectFrom('images').select('id').where('id', '=', id).executeTakeFirst();
  if (!row) throw new ValidationFailed([{ field, message: `no picture ${id} in the media library` }]);
}
