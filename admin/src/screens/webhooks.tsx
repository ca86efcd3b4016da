import { useEffect, useState } from 'preact/hooks';
import { api, query } from '../api.ts';
import { Checkbox, TextField } from '../components/fields.tsx';
import { ListSection } from '../components/list-section.tsx';
import { confirmAndRemove } from '../components/removal.ts';
import { ErrorSummary, PageHeading, issueFor } from '../components/ui.tsx';
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

  const remove = (h: Subscriber) =>
    confirmAndRemove({
      question: t.webhooks.confirmRemove(h.url),
      remove: async () => {
        await api.del(`/api/admin/webhooks/${h.id}`);
        if (open === h.id) setOpen(null);
      },
      done: t.webhooks.removed,
      reload: load,
      setError,
    });

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
      <ListSection
        id="webhooks-list"
        title={t.webhooks.list}
        rows={hooks}
        failed={!!error}
        empty={t.webhooks.none}
        columns={[t.webhooks.url, t.webhooks.events, t.webhooks.state, t.webhooks.created, t.webhooks.actions]}
        rowKey={(h) => h.id}
        cells={(h) => (
          <>
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
          </>
        )}
      />
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
    <ListSection
      id={titleId}
      title={t.webhooks.deliveries(props.hook.url)}
      before={
        <>
          <button type="button" class="btn btn--small" onClick={load}>
            {t.webhooks.refresh}
          </button>
          <ErrorSummary error={error} />
        </>
      }
      rows={rows}
      failed={!!error}
      empty={t.webhooks.noDeliveries}
      columns={[t.webhooks.event, t.webhooks.article, t.webhooks.status, t.webhooks.attempts, t.webhooks.lastCode, t.webhooks.lastError, t.webhooks.nextAttempt]}
      rowKey={(d) => d.id}
      cells={(d) => (
        <>
          <th scope="row">{t.webhooks.eventNames[d.event] ?? d.event}</th>
          <td>{d.articleId ?? t.none}</td>
          <td>{t.webhooks.deliveryStatuses[d.status] ?? d.status}</td>
          <td>{d.attempts}</td>
          <td>{d.lastStatusCode ?? t.none}</td>
          <td class="break">{d.lastError ?? t.none}</td>
          <td>{t.formatDate(d.nextAttemptAt)}</td>
        </>
      )}
    />
  );
}
