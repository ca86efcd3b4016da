import { z } from 'zod';
import { ValidationFailed } from '../errors.ts';
import { idNumber } from '../store/ids.ts';

/**
 * What the newsroom may change on a quoted person, a topic or an author. Every
 * field is optional (a PATCH); an empty text clears a field that may be empty.
 */

/** Letters of any script, digits and single hyphens: what slugify makes, and what an editor may type. */
export const SLUG_PATTERN = /^[\p{Ll}\p{Lo}\p{Nd}\p{M}]+(?:-[\p{Ll}\p{Lo}\p{Nd}\p{M}]+)*$/u;

const name = (max: number) => z.string('expected text').trim().min(1, 'required: it may not be empty').max(max, `at most ${max} characters`);
const slug = z
  .string('expected text')
  .trim()
  .max(80, 'at most 80 characters')
  .regex(SLUG_PATTERN, 'expected lowercase letters, digits and single hyphens (la-ville-de-paris)');
/** Text that may be cleared: '' or null stores nothing. */
const clearable = (max: number) =>
  z
    .union([z.null(), z.string('expected text or null').trim().max(max, `at most ${max} characters`)])
    .transform((v) => (v ? v : null))
    .optional();
const photo = z.union([z.null(), idNumber()]).optional();

export const WIKIDATA_PATTERN = /^Q[1-9]\d{0,11}$/;

export const PersonPatch = z.strictObject({
  name: name(200).optional(),
  slug: slug.optional(),
  description: clearable(2000),
  photoImageId: photo,
  aliases: z.array(name(200), 'expected a list of names').max(50, 'at most 50 names').optional(),
  wikidata: z
    .union([z.null(), z.string('expected text or null').trim().regex(new RegExp(`^(|${WIKIDATA_PATTERN.source.slice(1, -1)})$`), 'expected a Wikidata item: Q followed by digits (Q142)')])
    .transform((v) => (v ? v : null))
    .optional(),
  /** The role each edition shows, by edition code; null or '' removes it. */
  roles: z.record(z.string(), z.union([z.null(), z.string('expected text or null').trim().max(300, 'at most 300 characters')]), 'expected an object of roles by edition code').optional(),
});

export const TopicPatch = z.strictObject({
  name: name(200).optional(),
  slug: slug.optional(),
  description: clearable(2000),
  featured: z.boolean('expected true or false').optional(),
});

/** A link to the author's page on a network: any http(s) address. */
export const SocialLink = z.strictObject({
  network: z.string('expected text').trim().min(1, 'required: the network (Mastodon, Bluesky, LinkedIn, site…)').max(40, 'at most 40 characters'),
  url: z.url({ protocol: /^https?$/, error: 'expected an absolute http(s) URL' }).max(500, 'at most 500 characters'),
});

export const AuthorPatch = z.strictObject({
  name: name(200).optional(),
  slug: slug.optional(),
  bio: clearable(3000),
  role: clearable(300),
  photoImageId: photo,
  social: z.array(SocialLink, 'expected a list of { network, url }').max(12, 'at most 12 links').optional(),
});

export const MergeInput = z.strictObject({
  /** The one that stays; the one named in the address is merged into it. */
  into: idNumber(),
});

export type PersonPatch = z.output<typeof PersonPatch>;
export type TopicPatch = z.output<typeof TopicPatch>;
export type AuthorPatch = z.output<typeof AuthorPatch>;

/** Parses a body with `schema`, or throws ValidationFailed naming each field (`social.1.url`). */
export function parseBody<S extends z.ZodObject>(schema: S, value: unknown): z.output<S> {
  const r = schema.safeParse(value ?? {});
  if (r.success) return r.data;
  throw new ValidationFailed(
    r.error.issues.map((i) =>
      i.code === 'unrecognized_keys'
        ? { field: i.keys[0], message: `unknown field; expected ${Object.keys(schema.shape).join(', ')}` }
        : { field: i.path.join('.') || 'body', message: i.message },
    ),
  );
}

/** The stored JSON list (aliases, social links), or an empty one when it cannot be read. */
export function jsonList<T>(text: string | null | undefined): T[] {
  try {
    const v = JSON.parse(text ?? '[]');
    return Array.isArray(v) ? v : [];
  } catch {
    return [];
  }
}
