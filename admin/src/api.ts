/**
 * The Admin API client: JSON in and out, the session cookie sent by the
 * browser, and the CSRF token on every request that changes state.
 */

export interface FieldIssue {
  field: string;
  message: string;
}

/** An error answer of the API: `{code, message, field?, issues?}` plus whatever else it carried. */
import { adminLang } from './lang.ts';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly body: Record<string, any>,
    /** The language the server's message is in (Content-Language): fr, en, or null when it did not say. */
    readonly lang: string | null = null,
  ) {
    super(message);
  }
  get issues(): FieldIssue[] {
    return Array.isArray(this.body.issues) ? this.body.issues : this.body.field ? [{ field: this.body.field, message: this.message }] : [];
  }
}

export interface ApiResponse<T> {
  status: number;
  data: T;
  /** The version from the ETag header (`"7"` → 7), when there is one. */
  version: number | null;
}

export type Role = 'contributor' | 'author' | 'editor' | 'admin';
export interface User {
  id: number;
  name: string;
  role: Role;
  email?: string;
  kind?: string;
  /** The admin language of the person (fr or en). */
  language?: 'fr' | 'en';
}

let csrf: string | null = null;
let onUnauthorized: (() => void) | null = null;

export function setCsrf(token: string | null): void {
  csrf = token;
}

/** The session's CSRF token, for requests made outside request() (tus uploads). */
export function csrfToken(): string | null {
  return csrf;
}

/** Called when a request answers 401 (the session ended): the app shows the login form. */
export function setUnauthorizedHandler(fn: (() => void) | null): void {
  onUnauthorized = fn;
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function versionOf(etag: string | null): number | null {
  const m = etag?.match(/^(?:W\/)?"?(\d+)"?$/);
  return m ? Number(m[1]) : null;
}

export interface RequestOptions {
  /** The version being edited, sent as If-Match. */
  ifMatch?: number;
  /** A 401 here is expected (the login form, the first visit): do not report the session as ended. */
  quiet401?: boolean;
  signal?: AbortSignal;
}

export async function request<T = any>(method: string, path: string, body?: unknown, opts: RequestOptions = {}): Promise<ApiResponse<T>> {
  // The server words its refusals in the admin's language (a session's own choice wins on the server).
  const headers: Record<string, string> = { accept: 'application/json', 'accept-language': adminLang() };
  const isForm = typeof FormData !== 'undefined' && body instanceof FormData;
  if (body !== undefined && !isForm) headers['content-type'] = 'application/json';
  if (UNSAFE.has(method) && csrf) headers['x-csrf-token'] = csrf;
  if (opts.ifMatch !== undefined) headers['if-match'] = `"${opts.ifMatch}"`;
  let r: Response;
  try {
    r = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : isForm ? (body as FormData) : JSON.stringify(body),
      credentials: 'same-origin',
      signal: opts.signal,
    });
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err;
    throw new ApiError(0, 'network', 'network', {});
  }
  const text = await r.text();
  let data: any = null;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = { message: text };
    }
  }
  if (r.status >= 400) {
    if (r.status === 401 && !opts.quiet401) onUnauthorized?.();
    throw new ApiError(r.status, data?.code ?? 'http_' + r.status, data?.message ?? r.statusText, data ?? {}, r.headers.get('content-language'));
  }
  return { status: r.status, data: data as T, version: versionOf(r.headers.get('etag')) };
}

export const api = {
  get: <T = any>(path: string, opts?: RequestOptions) => request<T>('GET', path, undefined, opts).then((r) => r.data),
  post: <T = any>(path: string, body?: unknown, opts?: RequestOptions) => request<T>('POST', path, body ?? {}, opts).then((r) => r.data),
  patch: <T = any>(path: string, body: unknown, opts?: RequestOptions) => request<T>('PATCH', path, body, opts).then((r) => r.data),
  put: <T = any>(path: string, body: unknown, opts?: RequestOptions) => request<T>('PUT', path, body, opts).then((r) => r.data),
  del: (path: string, opts?: RequestOptions) => request('DELETE', path, undefined, opts).then(() => undefined),
};

/** A query string from the set values of an object. */
export function query(params: Record<string, string | number | undefined | null>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}

/** Roles are ordered: each can do what the ones before it can. */
const ROLES: Role[] = ['contributor', 'author', 'editor', 'admin'];
export function atLeast(user: Pick<User, 'role'> | null | undefined, role: Role): boolean {
  return !!user && ROLES.indexOf(user.role) >= ROLES.indexOf(role);
}
