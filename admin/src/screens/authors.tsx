import { useState } from 'preact/hooks';
import { api } from '../api.ts';
import { TextArea, TextField } from '../components/fields.tsx';
import { tp } from '../i18n-people.ts';
import { match } from '../router.ts';
import { EditLink, EntryEditor, EntryForm, NameList, PhotoPicker, type PhotoRef } from './people-common.tsx';
import { fieldError } from '../people-errors.ts';

interface Author {
  id: number;
  slug: string;
  name: string;
  bio: string | null;
  role: string | null;
  photo: PhotoRef | null;
  social: Array<{ network: string; url: string }>;
  articles: number;
}

const SCREEN = '/authors';
const API = '/api/admin/authors';

/** "Auteurs": the articles' authors; /authors/:id edits one's role, biography, photo and links, or merges them into another. */
export function AuthorsScreen(props: { path: string; query: URLSearchParams }) {
  const m = match(`${SCREEN}/:id`, props.path);
  if (m && /^\d+$/.test(m.id)) return <AuthorEditor key={m.id} id={Number(m.id)} />;
  const L = tp();
  return (
    <NameList<Author>
      screen={SCREEN}
      api={API}
      field="authors"
      title={L.authors.title}
      intro={L.authors.intro}
      listTitle={L.authors.list}
      query={props.query}
      columns={[L.common.name, L.authors.role, L.common.articles, L.common.actions]}
      cells={(a) => (
        <>
          <th scope="row">{a.name}</th>
          <td>{a.role ?? ''}</td>
          <td>{a.articles}</td>
          <td>
            <EditLink screen={SCREEN} row={a} />
          </td>
        </>
      )}
    />
  );
}

function AuthorEditor(props: { id: number }) {
  const L = tp();
  return (
    <EntryEditor<Author>
      api={API}
      field="author"
      listField="authors"
      screen={SCREEN}
      id={props.id}
      title={(a) => L.authors.editTitle(a.name)}
      form={(a, onSaved) => <AuthorForm author={a} onSaved={onSaved} />}
    />
  );
}

function AuthorForm(props: { author: Author; onSaved: (a: Author) => void }) {
  const L = tp();
  const a = props.author;
  const [role, setRole] = useState(a.role ?? '');
  const [bio, setBio] = useState(a.bio ?? '');
  const [photo, setPhoto] = useState<PhotoRef | null>(a.photo);
  const [links, setLinks] = useState(a.social.length ? a.social : [{ network: '', url: '' }]);
  const setLink = (i: number, patch: Partial<{ network: string; url: string }>) => setLinks((ls) => ls.map((l, n) => (n === i ? { ...l, ...patch } : l)));
  const save = async (common: { name: string; slug?: string }) => {
    const social = links.map((l) => ({ network: l.network.trim(), url: l.url.trim() })).filter((l) => l.network || l.url);
    const r = await api.patch<{ author: Author }>(`${API}/${a.id}`, {
      ...common,
      role: role.trim() || null,
      bio: bio.trim() || null,
      photoImageId: photo?.id ?? null,
      social,
    });
    return r.author;
  };
  return (
    <EntryForm entry={a} save={save} onSaved={props.onSaved}>
      {(error) => (
        <>
          <TextField label={L.authors.role} name="role" value={role} onInput={setRole} hint={L.authors.roleHint} error={fieldError(error, 'role')} />
          <TextArea label={L.authors.bio} name="bio" value={bio} onInput={setBio} rows={4} error={fieldError(error, 'bio')} />
          <PhotoPicker value={photo} onChange={setPhoto} />
          <fieldset class="field">
            <legend>{L.authors.social}</legend>
            <p class="hint">{L.authors.socialHint}</p>
            {links.map((l, i) => (
              <div class="social-link" key={i} role="group" aria-label={L.authors.linkN(i + 1)}>
                <TextField label={`${L.authors.network} (${i + 1})`} name={`network-${i}`} value={l.network} onInput={(v) => setLink(i, { network: v })} error={fieldError(error, `social.${i}.network`)} />
                <TextField label={`${L.authors.url} (${i + 1})`} name={`url-${i}`} type="url" value={l.url} onInput={(v) => setLink(i, { url: v })} spellcheck={false} error={fieldError(error, `social.${i}.url`)} />
                <button type="button" class="btn btn--small btn--quiet" onClick={() => setLinks((ls) => ls.filter((_, n) => n !== i))}>
                  {L.authors.removeLink(i + 1)}
                </button>
              </div>
            ))}
            <button type="button" class="btn btn--small" onClick={() => setLinks((ls) => [...ls, { network: '', url: '' }])}>
              {L.authors.addLink}
            </button>
          </fieldset>
        </>
      )}
    </EntryForm>
  );
}
