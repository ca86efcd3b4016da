import { ApiError, type FieldIssue } from './api.ts';
import { tp } from './i18n-people.ts';

/** The server's refusals of the people, topics and authors forms, in the user's language, field by field. */

/** A field's name as the form labels it. */
function fieldName(field: string): string {
  const L = tp();
  const role = field.match(/^roles\.(.+)$/);
  if (role) return L.people.roleIn(role[1]);
  const link = field.match(/^social\.(\d+)\.(network|url)$/);
  if (link) return `${link[2] === 'url' ? L.authors.url : L.authors.network} (${Number(link[1]) + 1})`;
  const names: Record<string, string> = {
    name: L.common.name,
    slug: L.common.slug,
    description: L.common.description,
    photoImageId: L.common.photo,
    aliases: L.people.aliases,
    wikidata: L.people.wikidata,
    role: L.authors.role,
    bio: L.authors.bio,
    social: L.authors.social,
    featured: L.topics.featuredLabel,
    into: L.common.merge,
  };
  return names[field] ?? field;
}

/** The server's refusal of one field, in the user's language (the server's words only for one not known here). */
function refusal(field: string, message: string): string {
  const E = tp().errors;
  const long = message.match(/^at most (\d+) characters/);
  const taken = message.match(/^the address (\S+) is another/);
  if (message.startsWith('required')) return E.required;
  if (long) return E.tooLong(Number(long[1]));
  if (taken) return E.slugTaken(taken[1]);
  if (field === 'wikidata') return E.wikidata;
  if (field === 'slug' && message.startsWith('expected lowercase')) return E.slug;
  if (/\.url$/.test(field)) return E.url;
  if (field === 'photoImageId' && message.startsWith('no picture')) return E.noPicture;
  if (field.startsWith('roles.')) return E.noEdition;
  if (field === 'into') return E.mergeInto;
  return message || E.other;
}

/** The refusal next to one field of these forms. */
export function fieldError(err: unknown, field: string): string | null {
  if (!(err instanceof ApiError)) return null;
  const i = err.issues.find((x) => x.field === field);
  return i ? refusal(field, i.message) : null;
}

/** Every refusal of a save, each naming its field, for the summary above the form. */
export function summaryIssues(err: unknown): FieldIssue[] | undefined {
  if (!(err instanceof ApiError) || !err.issues.length) return undefined;
  return err.issues.map((i) => ({ field: '', message: tp().common.labelled(fieldName(i.field), refusal(i.field, i.message)) }));
}
