import { useEffect, useState } from 'preact/hooks';
import { api, query } from '../api.ts';
import { Checkbox, TextField } from '../components/fields.tsx';
import { ErrorSummary, PageHeading, Spinner, announce, issueFor } from '../components/ui.tsx';
import { t } from '../i18n.ts';
import { ShownOnce } from '../components/shown-once.tsx';

const EVENTS = ['article.published', 'article.updated', 'article.unpublished'];

interface Subscriber {
  id: number;
  url: string;
  events: string[];
  active: boolean;
  createdAt: string;
}

interface Delivery {
  id: number;
  event: string;
  articleId: number | null;
  status: string;
  attempts: number;
  lastStatusCode: number | null;
  lastError: string | null;
  nextAttemptAt: string | null;
  createdAt: string;
  deliveredAt: string | null;
}

/** Webhook subscribers and their delivery log (admins). */
export function WebhooksScreen() {
  const [hooks, setHooks] = useState<Subscriber[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [formError, setFormError] = useState<unknown>(null);
  const [url, setUrl] = useState('');
  const [events, setEvents] = useState<string[]>([...EVENTS]);
  const [secret, setSecret] = useState('');
  const [created, setCreated] = useState<{ url: string; secret: string } | null>(null);
  const [open, setOpen] = useState<number | null>(null);

  const load = () =>
    api
      .get<{ webhooks: Subscriber[] }>('/api/admin/webhooks')
      .then((r) => setHooks(r.webhooks))
      .catch(setError);
  useEffect(() => {
    load();
  }, []);

  const submit = async (e: Event) => {
    e.preventDefault();
    setFormError(null);
    try {
      const r = await api.post<{ webhook: Subscriber & { secret?: string } }>('/api/admin/webhooks', { url: url.trim(), events, ...(secret ? { secret } : {}) });
      // The secret typed in is known already; a generated one is shown once.
      setCreated(secret ? null : r.webhook.secret ? { url: r.webhook.url, secret: r.webhook.secret } : null);
      setUrl('');
      setSecret('');
      setEvents([...EVENTS]);
      await load();
    } catch (err) {
      setFormError(err);
    }
  };

  const remove = async (h: Subscriber) => {
    if (!confirm(t.webhooks.confirmRemove(h.url))) return;
    setError(null);
    try {
      await api.del(`/api/admin/webhooks/${h.id}`);
      announce(t.webhooks.removed);
      if (open === h.id) setOpen(null);
      await load();
    } catch (err) {
      setError(err);
    }
  };

  const toggleEvent = (ev: string, on: boolean) => setEvents(on ? EVENTS.filter((x) => x === ev || events.includes(x)) : events.filter((x) => x !== ev));
  const openHook = hooks?.find((h) => h.id === open) ?? null;

  return (
    <>
      <PageHeading title={t.webhooks.title} />
      <p>{t.webhooks.intro}</p>
      <ErrorSummary error={error} />
      {created ? (
        <ShownOnce id="secret-shown-title" heading={t.webhooks.shownOnce} value={created.secret} copyLabel={t.webhooks.copy} copiedMessage={t.webhooks.copied} />
      ) : null}
      <section aria-labelledby="webhooks-list">
        <h2 id="webhooks-list">{t.webhooks.list}</h2>
        {!hooks && !error ? <Spinner /> : null}
        {hooks && hooks.length === 0 ? <p class="empty">{t.webhooks.none}</p> : null}
        {hooks && hooks.length ? (
          <div class="table-wrap">
            <table class="table">
              <thead>
                <tr>
                  <th scope="col">{t.webhooks.url}</th>
                  <th scope="col">{t.webhooks.events}</th>
                  <th scope="col">{t.webhooks.state}</th>
                  <th scope="col">{t.webhooks.created}</th>
                  <th scope="col">{t.webhooks.actions}</th>
                </tr>
              </thead>
              <tbody>
                {hooks.map((h) => (
                  <tr key={h.id}>
                    <th scope="row" class="break">
                      {h.url}
                    </th>
                    <td>{h.events.map((ev) => t.webhooks.eventNames[ev] ?? ev).join(', ')}</td>
                    <td>{h.active ? t.webhooks.active : t.webhooks.inactive}</td>
                    <td>{t.formatDate(h.createdAt)}</td>
                    <td>
                      <button type="button" class="btn btn--small" aria-label={t.webhooks.deliveriesLabel(h.url)} aria-pressed={open === h.id} onClick={() => setOpen(open === h.id ? null : h.id)}>
                        {t.webhooks.showDeliveries}
                      </button>{' '}
                      <button type="button" class="btn btn--small btn--danger" aria-label={t.webhooks.removeLabel(h.url)} onClick={() => remove(h)}>
                        {t.webhooks.remove}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
      </section>
      {openHook ? <DeliveryLog key={openHook.id} hook={openHook} /> : null}
      <section aria-labelledby="webhooks-create">
        <h2 id="webhooks-create">{t.webhooks.create}</h2>
        <ErrorSummary error={formError} />
        <form onSubmit={submit} noValidate class="narrow-form">
          <TextField label={t.webhooks.url} type="url" value={url} onInput={setUrl} required hint={t.webhooks.urlHint} autoComplete="off" error={issueFor(formError, 'url')} />
          <fieldset class="field">
            <legend>{t.webhooks.events}</legend>
            {EVENTS.map((ev) => (
              <Checkbox key={ev} label={t.webhooks.eventNames[ev]} checked={events.includes(ev)} onChange={(on) => toggleEvent(ev, on)} />
            ))}
            {issueFor(formError, 'events') ? <p class="field-error">{issueFor(formError, 'events')}</p> : null}
          </fieldset>
          <TextField label={t.webhooks.secret} value={secret} onInput={setSecret} hint={t.webhooks.secretHint} autoComplete="off" spellcheck={false} error={issueFor(formError, 'secret')} />
          <button type="submit" class="btn btn--primary">
            {t.webhooks.submit}
          </button>
        </form>
      </section>
    </>
  );
}

function DeliveryLog(props: { hook: Subscriber }) {
  const [rows, setRows] = useState<Delivery[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const load = () => {
    setError(null);
    return api
      .get<{ deliveries: Delivery[] }>(`/api/admin/webhooks/${props.hook.id}/deliveries${query({ limit: 100 })}`)
      .then((r) => setRows(r.deliveries))
      .catch(setError);
  };
  useEffect(() => {
    load();
  }, [props.hook.id]);
  const titleId = `deliveries-${props.hook.id}`;
  return (
    <section aria-labelledby={titleId}>
      <h2 id={titleId}>{t.webhooks.deliveries(props.hook.url)}</h2>
      <button type="button" class="btn btn--small" onClick={load}>
        {t.webhooks.refresh}
      </button>
      <ErrorSummary error={error} />
      {rows === null && !error ? <Spinner /> : null}
      {rows && rows.length === 0 ? <p class="empty">{t.webhooks.noDeliveries}</p> : null}
      {rows && rows.length ? (
        <div class="table-wrap">
          <table class="table">
            <thead>
              <tr>
                <th scope="col">{t.webhooks.event}</th>
                <th scope="col">{t.webhooks.article}</th>
                <th scope="col">{t.webhooks.status}</th>
                <th scope="col">{t.webhooks.attempts}</th>
                <th scope="col">{t.webhooks.lastCode}</th>
                <th scope="col">{t.webhooks.lastError}</th>
                <th scope="col">{t.webhooks.nextAttempt}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((d) => (
                <tr key={d.id}>
                  <th scope="row">{t.webhooks.eventNames[d.event] ?? d.event}</th>
                  <td>{d.articleId ?? t.none}</td>
                  <td>{t.webhooks.deliveryStatuses[d.status] ?? d.status}</td>
                  <td>{d.attempts}</td>
                  <td>{d.lastStatusCode ?? t.none}</td>
                  <td class="break">{d.lastError ?? t.none}</td>
                  <td>{t.formatDate(d.nextAttemptAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
