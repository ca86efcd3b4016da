/** A small Admin API client for tests: keeps the session cookie and sends the CSRF token like the admin UI. */
export interface AdminClient {
  cookie: string | null;
  csrf: string | null;
  call(method: string, path: string, body?: unknown, opts?: { csrf?: boolean; headers?: Record<string, string> }): Promise<Response>;
  json(method: string, path: string, body?: unknown, opts?: { headers?: Record<string, string> }): Promise<any>;
  login(email: string, password: string): Promise<AdminClient>;
}

export function adminClient(base: string, token?: string): AdminClient {
  const c: AdminClient = {
    cookie: null,
    csrf: null,
    async call(method, path, body, opts = {}) {
      const headers: Record<string, string> = { ...(opts.headers ?? {}) };
      if (body !== undefined && !(body instanceof FormData)) headers['content-type'] = 'application/json';
      if (token) headers.authorization = `Bearer ${token}`;
      if (c.cookie) headers.cookie = c.cookie;
      if (c.csrf && opts.csrf !== false) headers['x-csrf-token'] = c.csrf;
      const r = await fetch(base + path, {
        method,
        headers,
        body: body === undefined ? undefined : body instanceof FormData ? body : JSON.stringify(body),
        redirect: 'manual',
      });
      const set = r.headers.get('set-cookie');
      if (set) c.cookie = set.split(';')[0];
      return r;
    },
    async json(method, path, body, opts) {
      const r = await c.call(method, path, body, opts);
      const text = await r.text();
      if (r.status >= 400) throw new Error(`${method} ${path} answered ${r.status}: ${text}`);
      return text ? JSON.parse(text) : null;
    },
    async login(email, password) {
      const r = await c.call('POST', '/api/admin/session', { email, password });
      if (r.status !== 201) throw new Error(`login failed: ${r.status} ${await r.text()}`);
      c.csrf = (await r.json()).csrf;
      return c;
    },
  };
  return c;
}

/** Creates the site's first account (an admin, through the first-run form) and signs it in. */
export async function firstAdmin(base: string, password: string, name = 'Ada Admin'): Promise<AdminClient> {
  const r = await adminClient(base).call('POST', '/api/admin/setup', { email: 'admin@example.org', name, password });
  if (r.status !== 201) throw new Error(`setup failed: ${r.status} ${await r.text()}`);
  return adminClient(base).login('admin@example.org', password);
}
