import { useEffect, useState } from 'preact/hooks';
import { api } from '../api.ts';
import { TextArea, TextField } from '../components/fields.tsx';
import { tp } from '../i18n-people.ts';
import { match } from '../router.ts';
import type { Edition } from '../types.ts';
import { EditLink, EntryEditor, EntryForm, NameList, PhotoPicker, type PhotoRef } from './people-common.tsx';
import { fieldError } from '../people-errors.ts';

interface Person {
  id: number;
  slug: string;
  name: string;
  description: string | null;
  photo: PhotoRef | null;
  aliases: string[];
  wikidata: string | null;
  roles: Record<string, string>;
  role: string | null;
  articles: number;
}

const SCREEN = '/people';
const API = '/api/admin/people';

/** "Personnes": the people quoted, searched and paged; /people/:id edits one and merges it into another. */
export function PeopleScreen(props: { path: string; query: URLSearchParams }) {
  const m = match(`${SCREEN}/:id`, props.path);
  if (m && /^\d+$/.test(m.id)) return <PersonEditor key={m.id} id={Number(m.id)} />;
  const L = tp();
  return (
    <NameList<Person>
      screen={SCREEN}
      api={API}
      field="people"
      title={L.people.title}
      intro={L.people.intro}
      listTitle={L.people.list}
      query={props.query}
      columns={[L.common.name, L.people.aliases, L.common.articles, L.common.actions]}
      cells={(p) => (
        <>
          <th scope="row">{p.name}</th>
          <td>{p.aliases.join(', ')}</td>
          <td>{p.articles}</td>
          <td>
            <EditLink screen={SCREEN} row={p} />
          </td>
        </>
      )}
    />
  );
}

function PersonEditor(props: { id: number }) {
  const L = tp();
  const [editions, setEditions] = useState<Edition[]>([]);
  useEffect(() => {
    api
      .get<{ editions: Edition[] }>('/api/admin/editions')
      .then((r) => setEditions(r.editions))
      .catch(() => setEditions([]));
  }, []);
  return (
    <EntryEditor<Person>
      api={API}
      field="person"
      listField="people"
      screen={SCREEN}
      id={props.id}
      title={(p) => L.people.editTitle(p.name)}
      form={(p, onSaved) => <PersonForm person={p} editions={editions} onSaved={onSaved} />}
    />
  );
}

function PersonForm(props: { person: Person; editions: Edition[]; onSaved: (p: Person) => void }) {
  const L = tp();
  const p = props.person;
  const [description, setDescription] = useState(p.description ?? '');
  const [aliases, setAliases] = useState(p.aliases.join('\n'));
  const [wikidata, setWikidata] = useState(p.wikidata ?? '');
  const [roles, setRoles] = useState<Record<string, string>>(p.roles);
  const [photo, setPhoto] = useState<PhotoRef | null>(p.photo);
  const save = async (common: { name: string; slug?: string }) => {
    const body = {
      ...common,
      description: description.trim() || null,
      aliases: aliases
        .split('\n')
        .map((a) => a.trim())
        .filter(Boolean),
      wikidata: wikidata.trim() || null,
      photoImageId: photo?.id ?? null,
      roles: Object.fromEntries(props.editions.map((ed) => [ed.code, roles[ed.code]?.trim() || null])),
    };
    return (await api.patch<{ person: Person }>(`${API}/${p.id}`, body)).person;
  };

  return (
    <EntryForm entry={p} save={save} onSaved={props.onSaved}>
      {(error) => (
        <>
          <TextArea label={L.common.description} name="description" value={description} onInput={setDescription} rows={3} error={fieldError(error, 'description')} />
          <PhotoPicker value={photo} onChange={setPhoto} />
          <TextArea label={L.people.aliases} name="aliases" value={aliases} onInput={setAliases} rows={3} hint={L.people.aliasesHint} error={fieldError(error, 'aliases')} />
          <TextField label={L.people.wikidata} name="wikidata" value={wikidata} onInput={setWikidata} hint={L.people.wikidataHint} spellcheck={false} error={fieldError(error, 'wikidata')} />
          <fieldset class="field">
            <legend>{L.people.roles}</legend>
            <p class="hint">{L.people.rolesHint}</p>
            {p.role ? <p class="sub">{L.people.lastRole(p.role)}</p> : null}
            {props.editions.map((ed) => (
              <TextField
                key={ed.code}
                label={L.people.roleIn(ed.name)}
                name={`role-${ed.code}`}
                value={roles[ed.code] ?? ''}
                onInput={(v) => setRoles((r) => ({ ...r, [ed.code]: v }))}
                error={fieldError(error, `roles.${ed.code}`)}
              />
            ))}
          </fieldset>
        </>
      )}
    </EntryForm>
  );
}
