import { useEffect, useState } from 'preact/hooks';
import { api, atLeast, query, type User } from '../api.ts';
import { AddToLive } from '../components/add-to-live.tsx';
import { SelectField, TextField } from '../components/fields.tsx';
import { ListSection } from '../components/list-section.tsx';
import { confirmAndRemove } from '../components/removal.ts';
import { ErrorSummary, PageHeading, Spinner, announce, issueFor, useUniqueId } from '../components/ui.tsx';
import { useEditions } from '../data.ts';
import { t } from '../i18n.ts';
import { alertFromFlash } from './alerts.tsx';
import { BASE, navigate } from '../router.ts';

type ItemStatus = 'new' | 'adopted' | 'dismissed';
const ITEM_STATUSES: ItemStatus[] = ['new', 'adopted', 'dismissed'];
const KINDS = ['rss', 'atom', 'ninjs'] as const;

interface IngestItem {
  id: number;
  sourceId: number;
  title: string;
  summary: string | null;
  link: string | null;
  publishedAt: string;
  status: ItemStatus;
  adoptedArticleId: number | null;
  /** The agency marked it most urgent: offered as an alert. */
  flash?: boolean;
  /** What the conversion did not keep as it was, in the server's English. */
  notes?: Array<{ field: string; message: string }>;
  payload?: { source?: { name?: string }; standfirst?: string; body?: Array<{ type?: string; text?: string }> };
}

interface IngestSource {
  id: number;
  name: string;
  kind: string;
  url: string | null;
  /** Where the agency delivers files: ninjs sources without a URL. */
  dropFolder: string | null;
  edition: string;
  section: string;
  nextPollAt: string;
  failures: number;
  lastError: string | null;
  lastPolledAt: string | null;
}

/** Where a source's copy comes from: its feed, or the folder the agency delivers files to. */
export function SourceDelivery(props: { source: Pick<IngestSource, 'url' | 'dropFolder'> }) {
  const { url, dropFolder } = props.source;
  if (url) return <>{url}</>;
  if (!dropFolder) return <>{t.none}</>;
  return (
    <>
      {t.ingest.dropFolder} : <code>{dropFolder}</code>
    </>
  );
}

/**
 * A conversion note in French: the field it is about (in French when known, else
 * as the agency named it), then the server's sentence mapped to French, or a
 * French line that keeps the server's words when the message is not known.
 */
export function describeNote(note: { field: string; message: string }): string {
  const field = t.ingest.noteFields[note.field] ?? note.field;
  const times = /^(.*) \((\d+) times\)$/.exec(note.message);
  const message = times ? times[1] : note.message;
  for (const [re, say] of t.ingest.notes) {
    const m = re.exec(message);
    if (m) {
      const sentence = say(...m.slice(1).map((g) => g ?? ''));
      return t.ingest.noteLine(field, times ? t.ingest.noteTimes(sentence, times[2]) : sentence);
    }
  }
  return t.ingest.noteLine(field, t.ingest.noteUnknown(note.message));
}

/** What to show of an item: its summary, else the start of its text (an RSS description is the body). */
function summaryOf(it: IngestItem): string | null {
  if (it.summary) return it.summary;
  if (it.payload?.standfirst) return it.payload.standfirst;
  const text = (it.payload?.body ?? [])
    .map((b) => (typeof b.text === 'string' ? b.text : ''))
    .filter(Boolean)
    .join(' ')
    .trim();
  if (!text) return null;
  return text.length > 300 ? `${text.slice(0, 299).trimEnd()}…` : text;
}

/** The incoming wire queue (contributor+), and the agency sources (editors). */
export function IngestScreen(props: { user: User; query: URLSearchParams }) {
  const status = (ITEM_STATUSES as string[]).includes(props.query.get('status') ?? '') ? (props.query.get('status') as ItemStatus) : 'new';
  const isEditor = atLeast(props.user, 'editor');
  const words = props.query.get('q') ?? '';
  const [filter, setFilter] = useState<ItemStatus>(status);
  const [q, setQ] = useState(words);
  const [items, setItems] = useState<IngestItem[] | null>(null);
  const [sources, setSources] = useState<IngestSource[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState<number | null>(null);
  const filterId = useUniqueId('ing');
  const searchId = useUniqueId('ingq');

  const loadItems = () =>
    api
      .get<{ items: IngestItem[] }>(`/api/admin/ingest/items${query({ status, q: words })}`)
      .then((r) => setItems(r.items))
      .catch(setError);
  const loadSources = () =>
    isEditor
      ? api
          .get<{ sources: IngestSource[] }>('/api/admin/ingest/sources')
          .then((r) => setSources(r.sources))
          .catch(setError)
      : Promise.resolve();

  useEffect(() => {
    setFilter(status);
    setQ(words);
    setItems(null);
    loadItems();
  }, [status, words]);
  useEffect(() => {
    loadSources();
  }, []);

  const sourceName = (it: IngestItem) => it.payload?.source?.name ?? sources?.find((s) => s.id === it.sourceId)?.name ?? t.ingest.unknownSource(it.sourceId);

  const applyFilter = (e: Event) => {
    e.preventDefault();
    navigate(`${BASE}/ingest${query({ status: filter === 'new' ? undefined : filter, q: q.trim() || undefined })}`);
  };

  const adopt = async (it: IngestItem) => {
    setBusy(it.id);
    setError(null);
    try {
      const r = await api.post<{ article: { id: number } }>(`/api/admin/ingest/items/${it.id}/adopt`);
      navigate(`${BASE}/articles/${r.article.id}`);
    } catch (err) {
      setError(err);
      setBusy(null);
      await loadItems();
    }
  };

  const makeAlert = async (it: IngestItem) => {
    setBusy(it.id);
    setError(null);
    try {
      await alertFromFlash(it.id);
      announce(t.alerts.fromFlashDone);
      navigate(`${BASE}/alerts`);
    } catch (err) {
      setError(err);
      setBusy(null);
    }
  };

  const dismiss = async (it: IngestItem) => {
    setBusy(it.id);
    setError(null);
    try {
      await api.post(`/api/admin/ingest/items/${it.id}/dismiss`);
      announce(t.ingest.dismissed);
      await loadItems();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(null);
    }
  };

  return (
    <>
      <PageHeading title={t.ingest.title} />
      <p>{t.ingest.intro}</p>
      <ErrorSummary error={error} />
      <section aria-labelledby="ingest-queue">
        <h2 id="ingest-queue">{t.ingest.queue}</h2>
        <form class="inline-form" role="search" aria-label={t.ingest.searchForm} onSubmit={applyFilter}>
          <label for={searchId}>{t.ingest.search}</label>
          <input id={searchId} type="search" name="q" value={q} aria-describedby={`${searchId}-hint`} onInput={(e) => setQ((e.currentTarget as HTMLInputElement).value)} />
          <span id={`${searchId}-hint`} class="hint">
            {t.ingest.searchHint}
          </span>
          <label for={filterId}>{t.ingest.status}</label>
          <select id={filterId} value={filter} onChange={(e) => setFilter((e.currentTarget as HTMLSelectElement).value as ItemStatus)}>
            {ITEM_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t.ingest.statuses[s]}
              </option>
            ))}
          </select>
          <button type="submit" class="btn">
            {t.ingest.filter}
          </button>
        </form>
        {items === null && !error ? <Spinner /> : null}
        {items && items.length === 0 ? <p class="empty">{words ? t.ingest.noMatch(words) : t.ingest.none}</p> : null}
        {items && items.length ? (
          <ul class="ingest-items" aria-label={t.ingest.queue}>
            {items.map((it) => (
              <li key={it.id} class="ingest-item">
                <article aria-labelledby={`item-${it.id}-title`}>
                  <h3 id={`item-${it.id}-title`}>
                    {it.flash ? <><span class="badge badge--flash">{t.alerts.flash}</span>{' '}</> : null}
                    {it.title}
                  </h3>
                  <p class="ingest-item__meta">
                    <span>
                      {t.ingest.source} : {sourceName(it)}
                    </span>
                    {' · '}
                    <span>
                      {t.ingest.date} : <time dateTime={it.publishedAt}>{t.formatDate(it.publishedAt)}</time>
                    </span>
                    {' · '}
                    <span>{t.ingest.itemStatus[it.status] ?? it.status}</span>
                  </p>
                  {summaryOf(it) ? <p class="ingest-item__summary">{summaryOf(it)}</p> : null}
                  {it.notes?.length ? (
                    <div class="ingest-item__notes">
                      <h4 id={`item-${it.id}-notes`}>{t.ingest.notesHeading}</h4>
                      <ul aria-labelledby={`item-${it.id}-notes`}>
                        {it.notes.map((n, i) => (
                          <li key={i}>{describeNote(n)}</li>
                        ))}
                      </ul>
                    </div>
                  ) : null}
                  <p class="ingest-item__actions">
                    {it.link && /^https?:\/\//.test(it.link) ? (
                      <a href={it.link} target="_blank" rel="noopener noreferrer" aria-label={t.ingest.originalLabel(it.title)}>
                        {t.ingest.original}
                      </a>
                    ) : null}{' '}
                    {it.status !== 'dismissed' ? <AddToLive itemId={it.id} title={it.title} disabled={busy !== null} /> : null}{' '}
                    {it.status === 'new' ? (
                      <>
                        <button type="button" class="btn btn--small btn--primary" aria-label={t.ingest.adoptLabel(it.title)} disabled={busy !== null} onClick={() => adopt(it)}>
                          {t.ingest.adopt}
                        </button>{' '}
                        <button type="button" class="btn btn--small btn--quiet" aria-label={t.ingest.dismissLabel(it.title)} disabled={busy !== null} onClick={() => dismiss(it)}>
                          {t.ingest.dismiss}
                        </button>
                      </>
                    ) : null}
                    {it.flash && isEditor ? (
                      <button type="button" class="btn btn--small btn--danger" aria-label={t.alerts.fromFlashLabel(it.title)} disabled={busy !== null} onClick={() => makeAlert(it)}>
                        {t.alerts.fromFlash}
                      </button>
                    ) : null}{' '}
                    {it.adoptedArticleId ? <a href={`${BASE}/articles/${it.adoptedArticleId}`}>{t.ingest.openArticle}</a> : null}
                  </p>
                </article>
              </li>
            ))}
          </ul>
        ) : null}
      </section>
      {isEditor ? <SourcesSection sources={sources} onChanged={loadSources} /> : null}
    </>
  );
}

function SourcesSection(props: { sources: IngestSource[] | null; onChanged: () => Promise<unknown> }) {
  const editions = useEditions();
  const [name, setName] = useState('');
  const [kind, setKind] = useState<string>('rss');
  const [url, setUrl] = useState('');
  const [edition, setEdition] = useState('');
  const [section, setSection] = useState('');
  const [formError, setFormError] = useState<unknown>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    if (!edition && editions[0]) setEdition(editions[0].code);
  }, [editions.length]);

  const submit = async (e: Event) => {
    e.preventDefault();
    setFormError(null);
    try {
      const r = await api.post<{ source: IngestSource }>('/api/admin/ingest/sources', { name, kind, url: url.trim() === '' ? undefined : url.trim(), edition, section: section.trim() });
      announce(r.source.dropFolder ? t.ingest.sourceAddedFolder(name, r.source.dropFolder) : t.ingest.sourceAdded(name));
      setName('');
      setUrl('');
      setSection('');
      await props.onChanged();
    } catch (err) {
      setFormError(err);
    }
  };

  const remove = (s: IngestSource) =>
    confirmAndRemove({ question: t.ingest.confirmDelete(s.name), remove: () => api.del(`/api/admin/ingest/sources/${s.id}`), done: t.ingest.sourceDeleted, reload: props.onChanged, setError });

  const { sources } = props;
  return (
    <>
      {/* No `failed`: a failed load of the sources is the screen's error, shown above. */}
      <ListSection
        id="ingest-sources"
        title={t.ingest.sources}
        before={<ErrorSummary error={error} />}
        rows={sources}
        empty={t.ingest.noSources}
        columns={[t.ingest.name, t.ingest.kind, t.ingest.delivery, t.ingest.edition, t.ingest.section, t.ingest.lastPolled, t.ingest.lastError, t.ingest.actions]}
        rowKey={(s) => s.id}
        cells={(s) => (
          <>
            <th scope="row">{s.name}</th>
            <td>{s.kind}</td>
            <td class="break">
              <SourceDelivery source={s} />
            </td>
            <td>{s.edition}</td>
            <td>{s.section}</td>
            <td>{t.formatDate(s.lastPolledAt)}</td>
            <td>{s.lastError ?? t.none}</td>
            <td>
              <button type="button" class="btn btn--small btn--danger" aria-label={t.ingest.deleteSourceLabel(s.name)} onClick={() => remove(s)}>
                {t.ingest.deleteSource}
              </button>
            </td>
          </>
        )}
      />
      <section aria-labelledby="ingest-add-source">
        <h2 id="ingest-add-source">{t.ingest.addSource}</h2>
        <ErrorSummary error={formError} />
        <form onSubmit={submit} noValidate class="narrow-form">
          <TextField label={t.ingest.name} value={name} onInput={setName} required autoComplete="off" error={issueFor(formError, 'name')} />
          <SelectField label={t.ingest.kind} value={kind} onChange={setKind} options={KINDS.map((k) => ({ value: k, label: k.toUpperCase() }))} error={issueFor(formError, 'kind')} />
          <TextField label={t.ingest.url} type="url" value={url} onInput={setUrl} required={kind !== 'ninjs'} hint={t.ingest.urlHint} autoComplete="off" error={issueFor(formError, 'url')} />
          <SelectField label={t.ingest.edition} value={edition} onChange={setEdition} options={editions.map((e) => ({ value: e.code, label: e.name }))} error={issueFor(formError, 'edition')} />
          <TextField label={t.ingest.section} value={section} onInput={setSection} required hint={t.ingest.sectionHint} autoComplete="off" error={issueFor(formError, 'section')} />
          <button type="submit" class="btn btn--primary">
            {t.ingest.submitSource}
          </button>
        </form>
      </section>
    </>
  );
}
