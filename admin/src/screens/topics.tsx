import { useEffect, useState } from 'preact/hooks';
import { api } from '../api.ts';
import { Checkbox, TextArea, TextField } from '../components/fields.tsx';
import { ErrorSummary, Spinner, announce } from '../components/ui.tsx';
import { tp } from '../i18n-people.ts';
import { match } from '../router.ts';
import type { Edition } from '../types.ts';
import { EditLink, EntryHeading, MergePanel, NameList, useEntry } from './people-common.tsx';
import { fieldError, summaryIssues } from '../people-errors.ts';

interface Topic {
  id: number;
  edition: string;
  slug: string;
  name: string;
  description: string | null;
  featured: boolean;
  articles: number;
}

const SCREEN = '/topics';
const API = '/api/admin/topics';

/** "Sujets": each edition's topics, searched and paged; /topics/:id renames, describes, features or merges one. */
export function TopicsScreen(props: { path: string; query: URLSearchParams }) {
  const m = match(`${SCREEN}/:id`, props.path);
  const [editions, setEditions] = useState<Edition[]>([]);
  useEffect(() => {
    api
      .get<{ editions: Edition[] }>('/api/admin/editions')
      .then((r) => setEditions(r.editions))
      .catch(() => setEditions([]));
  }, []);
  if (m && /^\d+$/.test(m.id)) return <TopicEditor key={m.id} id={Number(m.id)} />;
  const L = tp();
  return (
    <NameList<Topic>
      screen={SCREEN}
      api={API}
      field="topics"
      title={L.topics.title}
      intro={L.topics.intro}
      listTitle={L.topics.list}
      query={props.query}
      filter={{ name: 'edition', label: L.topics.edition, options: [{ value: '', label: L.topics.allEditions }, ...editions.map((e) => ({ value: e.code, label: e.name }))] }}
      columns={[L.common.name, L.topics.edition, L.topics.featured, L.common.articles, L.common.actions]}
      cells={(x) => (
        <>
          <th scope="row">{x.name}</th>
          <td>{x.edition}</td>
          <td>{x.featured ? L.topics.featuredYes : ''}</td>
          <td>{x.articles}</td>
          <td>
            <EditLink screen={SCREEN} row={x} />
          </td>
        </>
      )}
    />
  );
}

function TopicEditor(props: { id: number }) {
  const L = tp();
  const { entry, setEntry, error } = useEntry<Topic>(API, 'topic', props.id);
  if (error) return <ErrorSummary error={error} />;
  if (!entry) return <Spinner label={L.common.loading} />;
  return (
    <>
      <EntryHeading title={L.topics.editTitle(entry.name)} screen={SCREEN} />
      <TopicForm key={`${entry.id}-${entry.slug}`} topic={entry} onSaved={setEntry} />
      <MergePanel api={API} field="topics" screen={SCREEN} current={entry} extraQuery={{ edition: entry.edition }} />
    </>
  );
}

function TopicForm(props: { topic: Topic; onSaved: (t: Topic) => void }) {
  const L = tp();
  const x = props.topic;
  const [name, setName] = useState(x.name);
  const [slug, setSlug] = useState(x.slug);
  const [description, setDescription] = useState(x.description ?? '');
  const [featured, setFeatured] = useState(x.featured);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: Event) => {
    e.preventDefault();
    setError(null);
    setBusy(true);
    try {
      const r = await api.patch<{ topic: Topic }>(`${API}/${x.id}`, { name: name.trim(), ...(slug.trim() !== x.slug ? { slug: slug.trim() } : {}), description: description.trim() || null, featured });
      announce(L.common.saved);
      props.onSaved(r.topic);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form onSubmit={submit} noValidate class="narrow-form">
      <ErrorSummary error={error} issues={summaryIssues(error)} />
      <TextField label={L.common.name} name="name" value={name} onInput={setName} required error={fieldError(error, 'name')} />
      <TextField label={L.common.slug} name="slug" value={slug} onInput={setSlug} hint={L.common.slugHint} spellcheck={false} error={fieldError(error, 'slug')} />
      <TextArea label={L.common.description} name="description" value={description} onInput={setDescription} rows={3} error={fieldError(error, 'description')} />
      <Checkbox label={L.topics.featuredLabel} checked={featured} onChange={setFeatured} />
      <button type="submit" class="btn btn--primary" disabled={busy}>
        {L.common.save}
      </button>
    </form>
  );
}
