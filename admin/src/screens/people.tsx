import { useEffect, useState } from 'preact/hooks';
import { api } from '../api.ts';
import { TextArea, TextField } from '../components/fields.tsx';
import { ErrorSummary, Spinner, announce } from '../components/ui.tsx';
import { tp } from '../i18n-people.ts';
import { match } from '../router.ts';
import type { Edition } from '../types.ts';
import { EditLink, EntryHeading, MergePanel, NameList, PhotoPicker, useEntry, type PhotoRef } from './people-common.tsx';
import { fieldError, summaryIssues } from '../people-errors.ts';

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
  const { entry, setEntry, error } = useEntry<Person>(API, 'person', props.id);
  const [editions, setEditions] = useState<Edition[]>([]);
  useEffect(() => {
    api
      .get<{ editions: Edition[] }>('/api/admin/editions')
      .then((r) => setEditions(r.editions))
      .catch(() => setEditions([]));
  }, []);
  if (error) return <ErrorSummary error={error} />;
  if (!entry) return <Spinner label={L.common.loading} />;
  return (
    <>
      <EntryHeading title={L.people.editTitle(entry.name)} screen={SCREEN} />
      <PersonForm key={`${entry.id}-${entry.slug}`} person={entry} editions={editions} onSaved={setEntry} />
      <MergePanel api={API} field="people" screen={SCREEN} current={entry} />
    </>
  );
}

function PersonForm(props: { person: Person; editions: Edition[]; onSaved: (p: Person) => void }) {
  const L = tp();
  const p = props.person;
  const [name, setName] = useState(p.name);
  const [slug, setSlug] = useState(p.slug);
  const [description, setDescription] = useState(p.description ?? '');
  const [aliases, setAliases] = useState(p.aliases.join('\n'));
  const [wikidata, setWikidata] = useState(p.wikidata ?? '');
  const [roles, setRoles] = useState<Record<string, string>>(p.roles);
  const [photo, setPhoto] = useState<PhotoRef | null>(p.photo);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: Event) => {
    e.preventDefault();
    setError(null);
    setBusy(true);
    try {
      const body = {
        name: name.trim(),
        ...(slug.trim() !== p.slug ? { slug: slug.trim() } : {}),
        description: description.trim() || null,
        aliases: aliases
          .split('\n')
          .map((a) => a.trim())
          .filter(Boolean),
        wikidata: wikidata.trim() || null,
        photoImageId: photo?.id ?? null,
        roles: Object.fromEntries(props.editions.map((ed) => [ed.code, roles[ed.code]?.trim() || null])),
      };
      const r = await api.patch<{ person: Person }>(`${API}/${p.id}`, body);
      announce(L.common.saved);
      props.onSaved(r.person);
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
      <button type="submit" class="btn btn--primary" disabled={busy}>
        {L.common.save}
      </button>
    </form>
  );
}
