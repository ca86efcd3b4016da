import { useEffect, useState } from 'preact/hooks';
import { api, type Role } from '../api.ts';
import { SelectField, TextField } from '../components/fields.tsx';
import { ListSection } from '../components/list-section.tsx';
import { confirmAndRemove } from '../components/removal.ts';
import { ErrorSummary, PageHeading, announce, issueFor } from '../components/ui.tsx';
import { t } from '../i18n.ts';
import { ShownOnce } from '../components/shown-once.tsx';

const ROLE_OPTIONS = (['contributor', 'author', 'editor', 'admin'] as Role[]).map((r) => ({ value: r, label: t.roles[r] }));

interface UserRow {
  id: number;
  email: string;
  name: string;
  role: Role;
  language?: string;
  created_at: string;
  disabled_at: string | null;
}

/** Each language named in itself. */
const LANGUAGE_OPTIONS = [
  { value: 'fr', label: 'Français' },
  { value: 'en', label: 'English' },
];

/** Admins: the accounts, and a form to create one. */
export function UsersScreen() {
  const [users, setUsers] = useState<UserRow[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [form, setForm] = useState({ name: '', email: '', role: 'contributor', language: 'fr', password: '' });
  const [formError, setFormError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const load = () =>
    api
      .get<{ users: UserRow[] }>('/api/admin/users')
      .then((r) => setUsers(r.users))
      .catch(setError);
  useEffect(() => {
    load();
  }, []);

  const set = (k: keyof typeof form) => (v: string) => setForm((f) => ({ ...f, [k]: v }));
  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setFormError(null);
    try {
      await api.post('/api/admin/users', form);
      announce(t.users.created_(form.name));
      setForm({ name: '', email: '', role: 'contributor', language: 'fr', password: '' });
      await load();
    } catch (err) {
      setFormError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <PageHeading title={t.users.title} />
      <ErrorSummary error={error} />
      <ListSection
        id="users-list"
        title={t.users.list}
        rows={users}
        failed={!!error}
        columns={[t.users.name, t.users.email, t.users.role, t.users.language, t.users.created, t.users.state]}
        rowKey={(u) => u.id}
        cells={(u) => (
          <>
            <th scope="row">{u.name}</th>
            <td>{u.email}</td>
            <td>{t.roles[u.role] ?? u.role}</td>
            <td lang={u.language ?? 'fr'}>{LANGUAGE_OPTIONS.find((o) => o.value === u.language)?.label ?? 'Français'}</td>
            <td>{t.formatDate(u.created_at)}</td>
            <td>{u.disabled_at ? t.users.disabled : t.users.active}</td>
          </>
        )}
      />
      <section aria-labelledby="users-create">
        <h2 id="users-create">{t.users.create}</h2>
        <ErrorSummary error={formError} />
        <form onSubmit={submit} noValidate class="narrow-form">
          <TextField label={t.users.name} value={form.name} onInput={set('name')} required autoComplete="off" error={issueFor(formError, 'name')} />
          <TextField label={t.users.email} type="email" value={form.email} onInput={set('email')} required autoComplete="off" error={issueFor(formError, 'email')} />
          <SelectField label={t.users.role} value={form.role} onChange={set('role')} options={ROLE_OPTIONS} error={issueFor(formError, 'role')} />
          <SelectField label={t.users.language} value={form.language} onChange={set('language')} options={LANGUAGE_OPTIONS} hint={t.users.languageHint} error={issueFor(formError, 'language')} />
          <TextField
            label={t.users.password}
            type="password"
            value={form.password}
            onInput={set('password')}
            required
            autoComplete="new-password"
            hint={t.users.passwordHint}
            error={issueFor(formError, 'password')}
          />
          <button type="submit" class="btn btn--primary" disabled={busy}>
            {t.users.submit}
          </button>
        </form>
      </section>
    </>
  );
}

interface TokenRow {
  id: number;
  name: string;
  role: Role;
  created_at: string;
  revoked_at: string | null;
  last_used_at: string | null;
}

/** Admins: API tokens, created (shown once) and revoked. */
export function TokensScreen() {
  const [tokens, setTokens] = useState<TokenRow[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [name, setName] = useState('');
  const [role, setRole] = useState('contributor');
  const [formError, setFormError] = useState<unknown>(null);
  const [created, setCreated] = useState<{ name: string; token: string } | null>(null);

  const load = () =>
    api
      .get<{ tokens: TokenRow[] }>('/api/admin/tokens')
      .then((r) => setTokens(r.tokens))
      .catch(setError);
  useEffect(() => {
    load();
  }, []);

  const submit = async (e: Event) => {
    e.preventDefault();
    setFormError(null);
    try {
      const r = await api.post<{ id: number; token: string }>('/api/admin/tokens', { name, role });
      setCreated({ name, token: r.token });
      setName('');
      await load();
    } catch (err) {
      setFormError(err);
    }
  };

  const revoke = (tok: TokenRow) =>
    confirmAndRemove({ question: t.tokens.confirmRevoke(tok.name), remove: () => api.del(`/api/admin/tokens/${tok.id}`), done: t.tokens.revokedMsg, reload: load, setError });

  return (
    <>
      <PageHeading title={t.tokens.title} />
      <p>{t.tokens.intro}</p>
      <ErrorSummary error={error} />
      {created ? (
        <ShownOnce id="token-shown-title" heading={t.tokens.shownOnce} value={created.token} copyLabel={t.tokens.copy} copiedMessage={t.tokens.copied} />
      ) : null}
      <ListSection
        id="tokens-list"
        title={t.tokens.list}
        rows={tokens}
        failed={!!error}
        empty={t.tokens.none}
        columns={[t.tokens.name, t.tokens.role, t.tokens.created, t.tokens.lastUsed, t.tokens.state]}
        rowKey={(tok) => tok.id}
        cells={(tok) => (
          <>
            <th scope="row">{tok.name}</th>
            <td>{t.roles[tok.role] ?? tok.role}</td>
            <td>{t.formatDate(tok.created_at)}</td>
            <td>{t.formatDate(tok.last_used_at)}</td>
            <td>
              {tok.revoked_at ? (
                t.tokens.revoked
              ) : (
                <>
                  {t.tokens.active}{' '}
                  <button type="button" class="btn btn--small btn--danger" aria-label={t.tokens.revokeLabel(tok.name)} onClick={() => revoke(tok)}>
                    {t.tokens.revoke}
                  </button>
                </>
              )}
            </td>
          </>
        )}
      />
      <section aria-labelledby="tokens-create">
        <h2 id="tokens-create">{t.tokens.create}</h2>
        <ErrorSummary error={formError} />
        <form onSubmit={submit} noValidate class="narrow-form">
          <TextField label={t.tokens.name} value={name} onInput={setName} required autoComplete="off" error={issueFor(formError, 'name')} />
          <SelectField label={t.tokens.role} value={role} onChange={setRole} options={ROLE_OPTIONS} error={issueFor(formError, 'role')} />
          <button type="submit" class="btn btn--primary">
            {t.tokens.submit}
          </button>
        </form>
      </section>
    </>
  );
}
