import { useState } from 'preact/hooks';
import { api } from '../api.ts';
import type { Block } from '../blocks.ts';
import { Checkbox, SelectField, TextArea, TextField } from '../components/fields.tsx';
import { ListSection } from '../components/list-section.tsx';
import { confirmAndRemove } from '../components/removal.ts';
import { ErrorSummary, announce, issueFor } from '../components/ui.tsx';
import { BlockEditor } from '../editor/block-editor.tsx';
import { tStructure } from '../i18n-structure.ts';
import { StructureHeading, useEditionRows } from './sections.tsx';

type Kind = 'about' | 'contact' | 'legal' | 'privacy' | 'charter' | 'other';
const KINDS: Kind[] = ['about', 'contact', 'legal', 'privacy', 'charter', 'other'];

export interface AdminPage {
  id: number;
  edition: string;
  slug: string;
  title: string;
  description: string | null;
  kind: Kind;
  body: Block[];
  status: 'draft' | 'published';
  inFooter: boolean;
  position: number;
  version: number;
  path: string;
  aliases: string[];
}

type Form = { id: number | null; version: number | null; title: string; slug: string; kind: Kind; description: string; inFooter: boolean; status: 'draft' | 'published'; body: Block[] };

/** "Pages": an edition's static pages, written in the article block editor. */
export function PagesScreen() {
  const w = tStructure();
  const p = w.pages;
  const [formError, setFormError] = useState<unknown>(null);
  const [form, setForm] = useState<Form | null>(null);
  const [resetKey, setResetKey] = useState(0);
  const [busy, setBusy] = useState(false);
  const { edition, setEdition, list, error, setError, load } = useEditionRows<AdminPage>('/api/admin/pages', 'pages', () => setForm(null));

  const open = (f: Form) => {
    setFormError(null);
    setForm(f);
    setResetKey((k) => k + 1);
  };

  const submit = async (e: Event) => {
    e.preventDefault();
    if (!form) return;
    setBusy(true);
    setFormError(null);
    const body = {
      title: form.title.trim(),
      ...(form.slug.trim() ? { slug: form.slug.trim() } : {}),
      kind: form.kind,
      description: form.description.trim() || null,
      inFooter: form.inFooter,
      status: form.status,
      body: form.body,
    };
    try {
      const r =
        form.id === null
          ? await api.post<{ page: AdminPage }>('/api/admin/pages', { edition, ...body })
          : await api.patch<{ page: AdminPage }>(`/api/admin/pages/${form.id}`, { ...body, version: form.version });
      announce(w.saved);
      setForm({ ...form, id: r.page.id, version: r.page.version, slug: r.page.slug });
      await load();
    } catch (err) {
      setFormError(err);
    } finally {
      setBusy(false);
    }
  };

  const remove = (page: { id: number; title: string }) =>
    confirmAndRemove({
      question: p.confirmRemove(page.title),
      remove: () => api.del(`/api/admin/pages/${page.id}`),
      done: p.removed,
      reload: async () => {
        setForm(null);
        await load();
      },
      setError,
    });

  return (
    <>
      <StructureHeading title={p.title} intro={p.intro} edition={edition} onEdition={setEdition} error={error} />
      <ListSection
        id="pages-list"
        title={p.list}
        rows={list}
        empty={p.none}
        columns={[p.columns.title, p.columns.path, p.columns.status, p.columns.actions]}
        rowKey={(x) => x.id}
        cells={(x) => (
          <>
            <th scope="row">{x.title}</th>
            <td>{x.status === 'published' ? <a href={x.path}>{x.path}</a> : <code>{x.path}</code>}</td>
            <td>{p.statuses[x.status]}</td>
            <td>
              <button
                type="button"
                class="btn btn--small"
                aria-label={w.editLabel(x.title)}
                onClick={() => open({ id: x.id, version: x.version, title: x.title, slug: x.slug, kind: x.kind, description: x.description ?? '', inFooter: x.inFooter, status: x.status, body: x.body })}
              >
                {w.edit}
              </button>
            </td>
          </>
        )}
      />
      {form ? (
        <section aria-labelledby="page-form">
          <h2 id="page-form">{form.id === null ? p.create : p.editing(form.title)}</h2>
          <ErrorSummary error={formError} />
          <form onSubmit={submit} noValidate>
            <div class="narrow-form">
              <TextField label={p.pageTitle} value={form.title} onInput={(v) => setForm({ ...form, title: v })} required maxLength={200} error={issueFor(formError, 'title')} />
              <SelectField label={p.kind} value={form.kind} onChange={(v) => setForm({ ...form, kind: v as Kind })} options={KINDS.map((k) => ({ value: k, label: p.kinds[k] }))} error={issueFor(formError, 'kind')} />
              <TextField label={p.slug} value={form.slug} onInput={(v) => setForm({ ...form, slug: v })} hint={p.slugHint} autoComplete="off" spellcheck={false} error={issueFor(formError, 'slug')} />
              <TextArea label={p.description} value={form.description} onInput={(v) => setForm({ ...form, description: v })} rows={2} maxLength={500} error={issueFor(formError, 'description')} />
              <Checkbox label={p.inFooter} checked={form.inFooter} onChange={(v) => setForm({ ...form, inFooter: v })} />
              <SelectField
                label={p.status}
                value={form.status}
                onChange={(v) => setForm({ ...form, status: v as Form['status'] })}
                options={(['draft', 'published'] as const).map((s) => ({ value: s, label: p.statuses[s] }))}
                error={issueFor(formError, 'status')}
              />
            </div>
            <p id="page-body-label" class="label-line">
              {p.body}
            </p>
            {issueFor(formError, 'body') ? <p class="field-error">{issueFor(formError, 'body')}</p> : null}
            <BlockEditor blocks={form.body} resetKey={resetKey} labelId="page-body-label" onChange={(body: Block[]) => setForm((f) => (f ? { ...f, body } : f))} />
            <p>
              <button type="submit" class="btn btn--primary" disabled={busy}>
                {w.save}
              </button>{' '}
              <button type="button" class="btn" onClick={() => setForm(null)}>
                {w.cancel}
              </button>{' '}
              {form.id !== null ? (
                <button type="button" class="btn btn--danger" onClick={() => remove({ id: form.id!, title: form.title })}>
                  {p.remove}
                </button>
              ) : null}
            </p>
          </form>
        </section>
      ) : (
        <p>
          <button type="button" class="btn btn--primary" onClick={() => open({ id: null, version: null, title: '', slug: '', kind: 'about', description: '', inFooter: true, status: 'draft', body: [] })}>
            {p.create}
          </button>
        </p>
      )}
    </>
  );
}
