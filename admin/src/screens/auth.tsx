import { useState } from 'preact/hooks';
import { ApiError, api, setCsrf, type User } from '../api.ts';
import { TextField } from '../components/fields.tsx';
import { ErrorSummary, PageHeading, issueFor } from '../components/ui.tsx';
import { t } from '../i18n.ts';

export interface Session {
  user: User;
  csrf: string;
}

/** First run: the first visitor creates the admin account and is signed in. */
export function SetupScreen(props: { onDone: (s: Session) => void }) {
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const s = await api.post<Session>('/api/admin/setup', { name, email, password }, { quiet401: true });
      setCsrf(s.csrf);
      props.onDone(s);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="auth">
      <PageHeading title={t.setup.title} />
      <p>{t.setup.intro}</p>
      <ErrorSummary error={error} />
      <form onSubmit={submit} noValidate>
        <TextField label={t.setup.name} value={name} onInput={setName} required autoComplete="name" error={issueFor(error, 'name')} />
        <TextField label={t.setup.email} type="email" value={email} onInput={setEmail} required autoComplete="email" error={issueFor(error, 'email')} />
        <TextField
          label={t.setup.password}
          type="password"
          value={password}
          onInput={setPassword}
          required
          autoComplete="new-password"
          hint={t.setup.passwordHint}
          error={issueFor(error, 'password')}
        />
        <button type="submit" class="btn btn--primary" disabled={busy}>
          {t.setup.submit}
        </button>
      </form>
    </div>
  );
}

export function LoginForm(props: { onDone: (s: Session) => void; expired?: boolean; headingLevel?: 1 | 2 }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const s = await api.post<Session>('/api/admin/session', { email, password }, { quiet401: true });
      setCsrf(s.csrf);
      props.onDone(s);
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) setError(t.login.failed);
      else if (err instanceof ApiError && err.status === 429) setError(t.login.throttled);
      else if (err instanceof ApiError && err.status === 0) setError(t.networkError);
      else setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit} class="login-form">
      {props.expired ? <p class="notice">{t.login.expired}</p> : null}
      {error ? (
        <p class="error-summary" role="alert">
          {error}
        </p>
      ) : null}
      <TextField label={t.login.email} type="email" name="email" value={email} onInput={setEmail} required autoComplete="username" />
      <TextField label={t.login.password} type="password" name="password" value={password} onInput={setPassword} required autoComplete="current-password" />
      <button type="submit" class="btn btn--primary" disabled={busy}>
        {t.login.submit}
      </button>
    </form>
  );
}

export function LoginScreen(props: { onDone: (s: Session) => void }) {
  return (
    <div class="auth">
      <PageHeading title={t.login.title} />
      <LoginForm onDone={props.onDone} />
    </div>
  );
}
