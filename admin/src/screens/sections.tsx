import { useEffect, useState } from 'preact/hooks';
import { api, query } from '../api.ts';
import { Checkbox, SelectField, TextArea, TextField } from '../components/fields.tsx';
import { ListSection } from '../components/list-section.tsx';
import { ErrorSummary, PageHeading, announce, issueFor } from '../components/ui.tsx';
import { forgetSections, useEditions } from '../data.ts';
import { tStructure } from '../i18n-structure.ts';

export interface AdminSection {
  id: number;
  edition: string;
  slug: string;
  name: string;
  position: number;
  inNav: boolean;
  parentId: number | null;
  description: string | null;
  implicit: boolean;
  aliases: string[];
}

/** Chooses the edition a structure screen works on (hidden when there is only one). */
export function EditionPicker(props: { value: string; onChange: (code: string) => void }) {
  const w = tStructure();
  const editions = useEditions();
  useEffect(() => {
    if (!props.value && editions[0]) props.onChange(editions[0].code);
  }, [editions.length]);
  if (editions.length < 2) return null;
  return <SelectField label={w.edition} value={props.value} onChange={props.onChange} options={editions.map((e) => ({ value: e.code, label: `${e.name} (${e.code})` }))} />;
}

/** The rows of a structure list (sections, pages) for the chosen edition, loaded again when it changes; `onEdition` runs first then. */
export function useEditionRows<T>(apiPath: string, field: string, onEdition?: () => void) {
  const [edition, setEdition] = useState('');
  const [list, setList] = useState<T[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const load = () =>
    edition
      ? api
          .get<Record<string, T[]>>(`${apiPath}${query({ edition })}`)
          .then((r) => setList(r[field] ?? null))
          .catch(setError)
      : Promise.resolve();
  useEffect(() => {
    setList(null);
    onEdition?.();
    load();
  }, [edition]);
  return { edition, setEdition, list, setList, error, setError, load };
}

/** The top of a structure screen: its title and intro, the edition chosen, the list's error. */
export function StructureHeading(props: { title: string; intro: string; edition: string; onEdition: (code: string) => void; error: unknown }) {
  return (
    <>
      <PageHeading title={props.title} />
      <p>{props.intro}</p>
      <EditionPicker value={props.edition} onChange={props.onEdition} />
      <ErrorSummary error={props.error} />
    </>
  );
}

type Form = { id: number | null; name: string; slug: string; parentId: string; description: string; inNav: boolean };
const EMPTY: Form = { id: null, name: '', slug: '', parentId: '', description: '', inNav: true };

/** "Rubriques": an edition's sections in navigation order, moved with buttons, renamed, hidden, nested and described. */
export function SectionsScreen() {
  const w = tStructure();
  const s = w.sections;
  const [formError, setFormError] = useState<unknown>(null);
  const [form, setForm] = useState<Form | null>(null);
  const [busy, setBusy] = useState(false);
  const { edition, setEdition, list, setList, error, setError, load } = useEditionRows<AdminSection>('/api/admin/sections', 'sections');

  const move = async (index: number, by: -1 | 1, focusId: string) => {
    if (!list) return;
    const ids = list.map((x) => x.id);
    const j = index + by;
    if (j < 0 || j >= ids.length) return;
    [ids[index], ids[j]] = [ids[j]!, ids[index]!];
    setError(null);
    try {
      const r = await api.put<{ sections: AdminSection[] }>('/api/admin/sections/order', { edition, ids });
      setList(r.sections);
      forgetSections();
      announce(s.moved(list[index]!.name, j + 1));
      // The button keeps the focus where the section went; at an end, the other button.
      requestAnimationFrame(() => {
        const el = document.getElementById(focusId) as HTMLButtonElement | null;
        (el && !el.disabled ? el : (document.getElementById(focusId.replace(/-(up|down)$/, by < 0 ? '-down' : '-up')) as HTMLElement | null))?.focus();
      });
    } catch (err) {
      setError(err);
    }
  };

  const submit = async (e: Event) => {
    e.preventDefault();
    if (!form) return;
    setBusy(true);
    setFormError(null);
    const body = {
      name: form.name.trim(),
      ...(form.slug.trim() ? { slug: form.slug.trim() } : {}),
      parentId: form.parentId ? Number(form.parentId) : null,
      description: form.description.trim() || null,
      inNav: form.inNav,
    };
    try {
      if (form.id === null) {
        await api.post('/api/admin/sections', { edition, ...body });
        announce(s.created(body.name));
      } else {
        await api.patch(`/api/admin/sections/${form.id}`, body);
        announce(w.saved);
      }
      forgetSections();
      setForm(null);
      await load();
    } catch (err) {
      setFormError(err);
    } finally {
      setBusy(false);
    }
  };

  const parents = (list ?? []).filter((x) => x.parentId === null && x.id !== form?.id);
  const nameOf = (id: number | null) => list?.find((x) => x.id === id)?.name ?? '';

  return (
    <>
      <StructureHeading title={s.title} intro={s.intro} edition={edition} onEdition={setEdition} error={error} />
      <ListSection
        id="sections-list"
        title={s.list}
        rows={list}
        empty={s.none}
        columns={[s.columns.name, s.columns.slug, s.columns.state, s.columns.actions]}
        rowKey={(x) => x.id}
        cells={(x) => {
          const i = list!.indexOf(x);
          return (
            <>
              <th scope="row">
                {x.parentId !== null ? <span class="hint">{nameOf(x.parentId)} › </span> : null}
                {x.name}
              </th>
              <td>
                <code>{x.slug}</code>
                {x.aliases.length ? <p class="hint">{s.formerSlugs(x.aliases.join(', '))}</p> : null}
              </td>
              <td>{x.inNav ? s.shown : s.hidden}</td>
              <td class="actions">
                <button type="button" id={`section-${x.id}-up`} class="btn btn--small" aria-label={w.upLabel(x.name)} disabled={i === 0} onClick={() => move(i, -1, `section-${x.id}-up`)}>
                  ↑ {w.up}
                </button>{' '}
                <button type="button" id={`section-${x.id}-down`} class="btn btn--small" aria-label={w.downLabel(x.name)} disabled={i === list!.length - 1} onClick={() => move(i, 1, `section-${x.id}-down`)}>
                  ↓ {w.down}
                </button>{' '}
                <button
                  type="button"
                  class="btn btn--small"
                  aria-label={w.editLabel(x.name)}
                  onClick={() => {
                    setFormError(null);
                    setForm({ id: x.id, name: x.name, slug: x.slug, parentId: x.parentId ? String(x.parentId) : '', description: x.description ?? '', inNav: x.inNav });
                  }}
                >
                  {w.edit}
                </button>
              </td>
            </>
          );
        }}
      />
      {form ? (
        <section aria-labelledby="section-form">
          <h2 id="section-form">{form.id === null ? s.create : s.editing(nameOf(form.id))}</h2>
          <ErrorSummary error={formError} />
          <form onSubmit={submit} noValidate class="narrow-form">
            <TextField label={s.name} value={form.name} onInput={(v) => setForm({ ...form, name: v })} required maxLength={100} error={issueFor(formError, 'name')} />
            <TextField label={s.slug} value={form.slug} onInput={(v) => setForm({ ...form, slug: v })} hint={s.slugHint} autoComplete="off" spellcheck={false} error={issueFor(formError, 'slug')} />
            <SelectField
              label={s.parent}
              value={form.parentId}
              onChange={(v) => setForm({ ...form, parentId: v })}
              options={[{ value: '', label: s.noParent }, ...parents.map((p) => ({ value: String(p.id), label: p.name }))]}
              hint={s.parentHint}
              error={issueFor(formError, 'parentId')}
            />
            <TextArea label={s.description} value={form.description} onInput={(v) => setForm({ ...form, description: v })} rows={3} maxLength={2000} hint={s.descriptionHint} error={issueFor(formError, 'description')} />
            <Checkbox label={s.inNav} checked={form.inNav} onChange={(v) => setForm({ ...form, inNav: v })} />
            <button type="submit" class="btn btn--primary" disabled={busy}>
              {w.save}
            </button>{' '}
            <button type="button" class="btn" onClick={() => setForm(null)}>
              {w.cancel}
            </button>
          </form>
        </section>
      ) : (
        <p>
          <button
            type="button"
            class="btn btn--primary"
            onClick={() => {
              setFormError(null);
              setForm({ ...EMPTY });
            }}
          >
            {s.create}
          </button>
        </p>
      )}
    </>
  );
}
