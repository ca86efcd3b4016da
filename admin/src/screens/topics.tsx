import { useEffect, useState } from 'preact/hooks';
import { api } from '../api.ts';
import { Checkbox, TextArea } from '../components/fields.tsx';
import { tp } from '../i18n-people.ts';
import { match } from '../router.ts';
import type { Edition } from '../types.ts';
import { EditLink, EntryEditor, EntryForm, NameList } from './people-common.tsx';
import { fieldError } from '../people-errors.ts';

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
  return (
    <EntryEditor<Topic>
      api={API}
      field="topic"
      listField="topics"
      screen={SCREEN}
      id={props.id}
      title={(x) => L.topics.editTitle(x.name)}
      form={(x, onSaved) => <TopicForm topic={x} onSaved={onSaved} />}
      mergeQuery={(x) => ({ edition: x.edition })}
    />
  );
}

function TopicForm(props: { topic: Topic; onSaved: (t: Topic) => void }) {
  const L = tp();
  const x = props.topic;
  const [description, setDescription] = useState(x.description ?? '');
  const [featured, setFeatured] = useState(x.featured);
  const save = async (common: { name: string; slug?: string }) =>
    (await api.patch<{ topic: Topic }>(`${API}/${x.id}`, { ...common, description: description.trim() || null, featured })).topic;
  return (
    <EntryForm entry={x} save={save} onSaved={props.onSaved}>
      {(error) => (
        <>
          <TextArea label={L.common.description} name="description" value={description} onInput={setDescription} rows={3} error={fieldError(error, 'description')} />
          <Checkbox label={L.topics.featuredLabel} checked={featured} onChange={setFeatured} />
        </>
      )}
    </EntryForm>
  );
}
