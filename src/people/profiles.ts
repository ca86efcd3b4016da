import type { Db } from '../store/db.ts';
import { photoRows } from './photos.ts';
import { jsonList } from './people.schema.ts';
import type { ProfileData } from './profile-head.tsx';

/** What a person's, an author's or a topic's page shows above its articles: one query for the row, one for its photo. */

export async function personProfile(db: Db, id: number, edition: string, path: string, quotedRole: () => Promise<string | null>): Promise<ProfileData & { photoId: number | null }> {
  const [p, own] = await Promise.all([
    db.selectFrom('people').select(['name', 'description', 'photo_image_id', 'aliases', 'wikidata']).where('id', '=', id).executeTakeFirstOrThrow(),
    db.selectFrom('person_roles').select('role').where('person_id', '=', id).where('edition', '=', edition).executeTakeFirst(),
  ]);
  // The role the newsroom set for this edition, else the one of their latest visible quote here.
  const role = own?.role ?? (await quotedRole());
  const photos = await photoRows(db, [p.photo_image_id]);
  return {
    kind: 'person',
    name: p.name,
    path,
    description: p.description,
    role,
    photo: p.photo_image_id !== null ? (photos.get(p.photo_image_id) ?? null) : null,
    photoId: p.photo_image_id,
    aliases: jsonList<string>(p.aliases),
    wikidata: p.wikidata,
    links: [],
  };
}

export async function authorProfile(db: Db, id: number, path: string): Promise<ProfileData & { photoId: number | null }> {
  const a = await db.selectFrom('authors').select(['name', 'bio', 'role', 'photo_image_id', 'social']).where('id', '=', id).executeTakeFirstOrThrow();
  const photos = await photoRows(db, [a.photo_image_id]);
  return {
    kind: 'author',
    name: a.name,
    path,
    description: a.bio,
    role: a.role,
    photo: a.photo_image_id !== null ? (photos.get(a.photo_image_id) ?? null) : null,
    photoId: a.photo_image_id,
    aliases: [],
    wikidata: null,
    // Only http(s) links are stored; anything else read back is left out all the same.
    links: jsonList<{ network: string; url: string }>(a.social).filter((l) => typeof l?.url === 'string' && /^https?:\/\//i.test(l.url) && typeof l.network === 'string'),
  };
}

export async function topicProfile(db: Db, id: number, path: string): Promise<ProfileData> {
  const t = await db.selectFrom('tags').select(['name', 'description']).where('id', '=', id).executeTakeFirstOrThrow();
  return { kind: 'topic', name: t.name, path, description: t.description, role: null, photo: null, aliases: [], wikidata: null, links: [] };
}
