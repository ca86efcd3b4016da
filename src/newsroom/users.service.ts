import { createHash, randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { z } from 'zod';
import { Conflict, Forbidden, NotFound, TooManyRequests, Unauthorized, ValidationFailed } from '../errors.ts';
import type { Db } from '../store/db.ts';
import { databaseCounters } from '../bus/database-counters.ts';
import type { Counters } from '../bus/counters.ts';
import { fieldIssues } from '../content/article.schema.ts';
import type { Role } from '../store/schema.ts';
import { audit } from './audit.ts';
import { ADMIN_LANGUAGES, atLeast, isRole, SYSTEM, type Actor, type AdminLanguage } from './roles.ts';

export interface AuthDeps {
  db: Db;
  now: () => Date;
  /** Where sign-in attempts are counted: Redis with several nodes, else the database (the default). */
  counters?: Counters;
}

const NewUser = z.strictObject({
  email: z.email({ error: 'expected an e-mail address' }).max(320).transform((e) => e.toLowerCase()),
  name: z.string().trim().min(1, 'required').max(200),
  role: z.enum(['contributor', 'author', 'editor', 'admin'], { error: 'expected contributor, author, editor or admin' }),
  password: z.string().min(12, 'at least 12 characters').max(1000),
  language: z.enum(ADMIN_LANGUAGES, { error: 'expected fr or en' }).optional(),
});
export type NewUser = z.input<typeof NewUser>;

function parse<T>(schema: z.ZodType<T>, value: unknown): T {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  throw new ValidationFailed(fieldIssues(r.error));
}

export const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
export const newSecret = () => randomBytes(32).toString('base64url');

export async function countUsers(db: Db): Promise<number> {
  const r = await db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}

/** The site_state key the first account claims: its primary key lets one first-run setup win, on either database. */
const FIRST_ACCOUNT = 'first_account';

export const ALREADY_SET_UP = 'the site already has accounts; sign in';

/** Creates an account. Only an admin (or the shell) may; the very first account needs no actor. */
export async function createUser(deps: AuthDeps, input: NewUser, actor: Actor | null) {
  const u = parse(NewUser, input);
  if (actor && !atLeast(actor, 'admin')) throw new Forbidden('only an admin creates accounts');
  // Hashing takes a while: done before the transaction, so that no lock waits on it.
  const passwordHash = await hash(u.password);
  return deps.db.transaction().execute(async (trx) => {
    const first = (await countUsers(trx)) === 0;
    if (!actor && !first) throw new Forbidden(ALREADY_SET_UP);
    if (first) {
      if (u.role !== 'admin') throw new ValidationFailed([{ field: 'role', message: 'the first account must be an admin' }]);
      // Counting is not enough: on PostgreSQL (READ COMMITTED) concurrent setups all count 0. The claim row's
      // primary key makes the others wait for the first to commit, then insert nothing.
      const claimed = await trx
        .insertInto('site_state')
        .values({ key: FIRST_ACCOUNT, value: 1 })
        .onConflict((oc) => oc.column('key').doNothing())
        .returning('key')
        .executeTakeFirst();
      // The shell (an admin by nature) may create an account whoever came first; an anonymous setup may not.
      if (!claimed && !actor) throw new Forbidden(ALREADY_SET_UP);
    }
    const taken = await trx.selectFrom('users').select('id').where('email', '=', u.email).executeTakeFirst();
    if (taken) throw new Conflict(`an account already uses ${u.email}`);
    const row = await trx
      .insertInto('users')
      .values({ email: u.email, name: u.name, role: u.role, language: u.language ?? 'fr', password_hash: passwordHash, created_at: deps.now().toISOString(), disabled_at: null })
      .returning(['id', 'email', 'name', 'role', 'language'])
      .executeTakeFirstOrThrow();
    await audit(trx, deps.now(), actor ?? SYSTEM, 'user.create', `user:${row.id}`, { email: row.email, role: row.role });
    return row;
  });
}

export async function resetPassword(deps: AuthDeps, email: string, password: string, actor: Actor) {
  if (!atLeast(actor, 'admin')) throw new Forbidden('only an admin resets passwords');
  const { password: pw } = parse(z.object({ password: NewUser.shape.password }), { password });
  return deps.db.transaction().execute(async (trx) => {
    const user = await trx.selectFrom('users').select('id').where('email', '=', email.toLowerCase()).executeTakeFirst();
    if (!user) throw new NotFound(`no account for ${email}`);
    await trx.updateTable('users').set({ password_hash: await hash(pw) }).where('id', '=', user.id).execute();
    // A new password ends every session of the account.
    await trx.updateTable('sessions').set({ revoked_at: deps.now().toISOString() }).where('user_id', '=', user.id).where('revoked_at', 'is', null).execute();
    await audit(trx, deps.now(), actor, 'user.reset_password', `user:${user.id}`);
  });
}

/**
 * Login throttling: attempts per account and per address, counted where every
 * node sees them (Redis when configured, else the database). Each attempt takes its place in the count in one
 * atomic statement *before* the password is checked, so parallel guesses
 * cannot all pass a check made while none of them is counted yet.
 */
export const LOGIN_WINDOW_MS = 15 * 60_000;
export const LOGIN_LIMITS = { email: 5, ip: 20 };

const limitOf = (key: string) => (key.startsWith('email:') ? LOGIN_LIMITS.email : LOGIN_LIMITS.ip);

/** Takes a place for this attempt under every key; refuses it when any key is over its limit. */
async function reserveAttempt(deps: AuthDeps, keys: string[]): Promise<void> {
  const now = deps.now();
  const counters = deps.counters ?? databaseCounters(deps.db);
  let refusedUntil = 0;
  for (const key of keys) {
    const { count, endsAt } = await counters.hit(key, LOGIN_WINDOW_MS, now);
    if (count > limitOf(key)) refusedUntil = Math.max(refusedUntil, endsAt);
  }
  if (refusedUntil) throw new TooManyRequests('too many failed logins; try again later', Math.max(1, Math.ceil((refusedUntil - now.getTime()) / 1000)));
}

/** A good password clears the account's count, and gives back the place it took under its address. */
async function releaseAttempt(deps: AuthDeps, emailKey: string, ipKey: string): Promise<void> {
  const counters = deps.counters ?? databaseCounters(deps.db);
  await counters.clear(emailKey);
  await counters.takeBack(ipKey);
}

export interface LoginResult {
  /** The cookie value; only its hash is stored. */
  token: string;
  csrf: string;
  expiresAt: string;
  user: { id: number; email: string; name: string; role: Role; language: AdminLanguage };
}

const SESSION_DAYS = 14;

/** Checks e-mail and password and opens a session. */
export async function login(deps: AuthDeps, input: { email?: unknown; password?: unknown }, ip: string, userAgent: string | null): Promise<LoginResult> {
  const email = typeof input.email === 'string' ? input.email.trim().toLowerCase() : '';
  const password = typeof input.password === 'string' ? input.password : '';
  if (!email || !password) throw new ValidationFailed([{ field: email ? 'password' : 'email', message: 'required' }]);
  const keys = [`email:${email}`, `ip:${ip}`];
  await reserveAttempt(deps, keys);
  const user = await deps.db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
  const ok = user && !user.disabled_at && (await verify(user.password_hash, password));
  // A failure stays counted: its place was taken before the check.
  if (!ok || !user) throw new Unauthorized('wrong e-mail or password');
  await releaseAttempt(deps, keys[0], keys[1]);
  const token = newSecret();
  const csrf = newSecret();
  const now = deps.now();
  const expiresAt = new Date(now.getTime() + SESSION_DAYS * 86_400_000).toISOString();
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('sessions')
      .values({ id: sha256(token), user_id: user.id, csrf, created_at: now.toISOString(), expires_at: expiresAt, revoked_at: null, ip, user_agent: userAgent })
      .execute();
    await audit(trx, now, { kind: 'user', id: user.id, role: user.role, userId: user.id, name: user.name }, 'session.login', `user:${user.id}`, { ip });
  });
  return { token, csrf, expiresAt, user: { id: user.id, email: user.email, name: user.name, role: user.role, language: adminLanguage(user.language) } };
}

export interface SessionActor {
  actor: Actor;
  csrf: string;
  sessionId: string;
}

/** The actor behind a session cookie, if the session is live. */
export async function sessionActor(deps: AuthDeps, token: string): Promise<SessionActor | null> {
  const row = await deps.db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .select(['s.id', 's.csrf', 's.expires_at', 's.revoked_at', 'u.id as user_id', 'u.role', 'u.name', 'u.language', 'u.disabled_at'])
    .where('s.id', '=', sha256(token))
    .executeTakeFirst();
  if (!row || row.revoked_at || row.disabled_at || row.expires_at <= deps.now().toISOString()) return null;
  return { actor: { kind: 'user', id: row.user_id, role: row.role, userId: row.user_id, name: row.name, language: adminLanguage(row.language) }, csrf: row.csrf, sessionId: row.id };
}

/** A stored language as the admin knows it: English when it says so, French otherwise. */
export function adminLanguage(value: string | null | undefined): AdminLanguage {
  return value === 'en' ? 'en' : 'fr';
}

/** One's own admin language (a person's choice; a token has none to keep). */
export async function setOwnLanguage(deps: AuthDeps, value: unknown, actor: Actor): Promise<AdminLanguage> {
  if (actor.kind !== 'user') throw new Forbidden('only a signed-in person has an admin language');
  const { language } = parse(z.strictObject({ language: z.enum(ADMIN_LANGUAGES, { error: 'expected fr or en' }) }), value ?? {});
  await deps.db.transaction().execute(async (trx) => {
    await trx.updateTable('users').set({ language }).where('id', '=', actor.id).execute();
    await audit(trx, deps.now(), actor, 'user.language', `user:${actor.id}`, { language });
  });
  return language;
}

export async function logout(deps: AuthDeps, sessionId: string, actor: Actor): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    await trx.updateTable('sessions').set({ revoked_at: deps.now().toISOString() }).where('id', '=', sessionId).execute();
    await audit(trx, deps.now(), actor, 'session.logout', `user:${actor.id}`);
  });
}

/** Ends every session of a user (an admin's "sign out everywhere", or one's own). */
export async function revokeSessions(deps: AuthDeps, userId: number, actor: Actor): Promise<number> {
  if (actor.userId !== userId && !atLeast(actor, 'admin')) throw new Forbidden('only an admin ends another account’s sessions');
  return deps.db.transaction().execute(async (trx) => {
    if (!(await trx.selectFrom('users').select('id').where('id', '=', userId).executeTakeFirst())) throw new NotFound('no such user');
    const r = await trx.updateTable('sessions').set({ revoked_at: deps.now().toISOString() }).where('user_id', '=', userId).where('revoked_at', 'is', null).executeTakeFirst();
    await audit(trx, deps.now(), actor, 'session.revoke_all', `user:${userId}`);
    return Number(r.numUpdatedRows);
  });
}

/** API tokens: named, scoped to a role, shown once, stored as a hash. */
export async function createToken(deps: AuthDeps, input: { name: string; role: string }, actor: Actor): Promise<{ id: number; token: string }> {
  if (!atLeast(actor, 'admin')) throw new Forbidden('only an admin creates API tokens');
  const name = input.name?.trim();
  if (!name) throw new ValidationFailed([{ field: 'name', message: 'required' }]);
  if (!isRole(input.role)) throw new ValidationFailed([{ field: 'role', message: 'expected contributor, author, editor or admin' }]);
  const token = `dpch_${newSecret()}`;
  return deps.db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('api_tokens')
      .values({ name, role: input.role as Role, token_hash: sha256(token), created_by: actor.userId, created_at: deps.now().toISOString(), revoked_at: null, last_used_at: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(trx, deps.now(), actor, 'token.create', `token:${row.id}`, { name, role: input.role });
    return { id: row.id, token };
  });
}

export async function revokeToken(deps: AuthDeps, id: number, actor: Actor): Promise<void> {
  if (!atLeast(actor, 'admin')) throw new Forbidden('only an admin revokes API tokens');
  await deps.db.transaction().execute(async (trx) => {
    const r = await trx.updateTable('api_tokens').set({ revoked_at: deps.now().toISOString() }).where('id', '=', id).where('revoked_at', 'is', null).executeTakeFirst();
    if (Number(r.numUpdatedRows) === 0) throw new NotFound('no such live token');
    await audit(trx, deps.now(), actor, 'token.revoke', `token:${id}`);
  });
}

export async function tokenActor(deps: AuthDeps, token: string): Promise<Actor | null> {
  const row = await deps.db.selectFrom('api_tokens').selectAll().where('token_hash', '=', sha256(token)).executeTakeFirst();
  if (!row || row.revoked_at) return null;
  await deps.db.updateTable('api_tokens').set({ last_used_at: deps.now().toISOString() }).where('id', '=', row.id).execute();
  // The token acts as itself: its own role, its own ownership, never its creator's.
  return { kind: 'token', id: row.id, role: row.role, userId: null, name: row.name };
}

export function listUsers(db: Db) {
  return db.selectFrom('users').select(['id', 'email', 'name', 'role', 'language', 'created_at', 'disabled_at']).orderBy('id').execute();
}

export function listTokens(db: Db) {
  return db.selectFrom('api_tokens').select(['id', 'name', 'role', 'created_at', 'revoked_at', 'last_used_at']).orderBy('id').execute();
}
