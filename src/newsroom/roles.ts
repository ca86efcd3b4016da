import type { Role } from '../store/schema.ts';

/** Who is acting: a signed-in user, an API token, or the system (CLI, scheduler). */
export interface Actor {
  kind: 'user' | 'token' | 'system';
  id: number;
  role: Role;
  /**
   * The person acting, when it is one: null for a token, which acts as itself
   * and never as the admin who created it, and for the system.
   */
  userId: number | null;
  name: string;
  /** The language the person reads the admin in (fr or en); a token's comes from Accept-Language. */
  language?: AdminLanguage;
}

export type AdminLanguage = 'fr' | 'en';
export const ADMIN_LANGUAGES: readonly AdminLanguage[] = ['fr', 'en'];

export const ROLES: readonly Role[] = ['contributor', 'author', 'editor', 'admin'];

/** Roles are ordered: each can do what the ones before it can. */
export function atLeast(actor: Pick<Actor, 'role'>, role: Role): boolean {
  return ROLES.indexOf(actor.role) >= ROLES.indexOf(role);
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** Who owns a row: a person or an API token (never both). */
export interface Owner {
  userId: number | null;
  tokenId: number | null;
}

/** What a row the actor creates records as its owner. */
export function ownerOf(actor: Actor): Owner {
  return { userId: actor.kind === 'user' ? actor.id : null, tokenId: actor.kind === 'token' ? actor.id : null };
}

/** Whether the actor is the row's owner: the same person, or the same token. */
export function owns(actor: Actor, owner: Owner): boolean {
  if (actor.kind === 'user') return owner.userId === actor.id;
  if (actor.kind === 'token') return owner.tokenId === actor.id;
  return false;
}

export const SYSTEM: Actor = { kind: 'system', id: 0, role: 'admin', userId: null, name: 'system' };

export function actorLabel(a: Actor): string {
  return a.kind === 'system' ? 'system' : `${a.kind}:${a.id}`;
}
