import type { Role } from '../store/schema.ts';

/** Who is acting: a signed-in user, an API token, or the system (CLI, scheduler). */
export interface Actor {
  kind: 'user' | 'token' | 'system';
  id: number;
  role: Role;
  /** The user behind the actor (a token's creator), for ownership and the audit log. */
  userId: number | null;
  name: string;
}

export const ROLES: readonly Role[] = ['contributor', 'author', 'editor', 'admin'];

/** Roles are ordered: each can do what the ones before it can. */
export function atLeast(actor: Pick<Actor, 'role'>, role: Role): boolean {
  return ROLES.indexOf(actor.role) >= ROLES.indexOf(role);
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

export const SYSTEM: Actor = { kind: 'system', id: 0, role: 'admin', userId: null, name: 'system' };

export function actorLabel(a: Actor): string {
  return a.kind === 'system' ? 'system' : `${a.kind}:${a.id}`;
}
