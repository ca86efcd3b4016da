import { useEffect, useState } from 'preact/hooks';
import { api, query } from '../api.ts';
import { SelectField, TextField } from '../components/fields.tsx';
import { ErrorSummary, PageHeading, announce, issueFor } from '../components/ui.tsx';
import { tStructure } from '../i18n-structure.ts';
import { EditionPicker, type AdminSection } from './sections.tsx';
import type { AdminPage } from './pages.tsx';

type Kind = 'section' | 'page' | 'topic' | 'url';
interface Item {
  kind: Kind;
  targetId: number | null;
  url: string | null;
  label: string | null;
}
type Menus = { header: Item[]; footer: Item[] };
type Which = keyof Menus;
const KINDS: Kind[] = ['section', 'page', 'topic', 'url'];

/** "Menus": the header's and the footer's links of an edition, edited as ordered lists and saved together. */
export function MenusScreen() {
  const w = tStructure();
  const m = w.menus;
  const [edition, setEdition] = useState('');
  const [menus, setMenus] = useState<Menus | null>(null);
  const [targets, setTargets] = useState<Record<Exclude<Kind, 'url'>, Array<{ id: number; name: string }>>>({ section: [], page: [], topic: [] });
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!edition) return;
    setMenus(null);
    setError(null);
    const q = query({ edition });
    Promise.all([
      api.get<Menus>(`/api/admin/menus/${encodeURIComponent(edition)}`),
      api.get<{ sections: AdminSection[] }>(`/api/admin/sections${q}`),
      api.get<{ pages: AdminPage[] }>(`/api/admin/pages${q}`),
      api.get<{ tags: Array<{ id: number; name: string }> }>(`/api/admin/tags${q}`),
    ])
      .then(([menu, s, p, t]) => {
        setMenus({ header: menu.header, footer: menu.footer });
        setTargets({ section: s.sections.map((x) => ({ id: x.id, name: x.name })), page: p.pages.map((x) => ({ id: x.id, name: x.title })), topic: t.tags.map((x) => ({ id: x.id, name: x.name })) });
      })
      .catch(setError);
  }, [edition]);

  /** Changes one list from its latest state (several inputs may come before the next render). */
  const change = (which: Which, edit: (list: Item[]) => Item[]) => setMenus((m) => (m ? { ...m, [which]: edit(m[which]) } : m));

  const save = async (e: Event) => {
    e.preventDefault();
    if (!menus) return;
    setBusy(true);
    setError(null);
    try {
      const clean = (l: Item[]) => l.map((i) => ({ kind: i.kind, targetId: i.kind === 'url' ? null : i.targetId, url: i.kind === 'url' ? (i.url ?? '').trim() : null, label: i.label?.trim() || null }));
      const r = await api.put<Menus>(`/api/admin/menus/${encodeURIComponent(edition)}`, { header: clean(menus.header), footer: clean(menus.footer) });
      setMenus({ header: r.header, footer: r.footer });
      announce(w.saved);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const menuList = (which: Which) => {
    const list = menus![which];
    const title = which === 'header' ? m.header : m.footer;
    return (
      <fieldset class="field">
        <legend>{title}</legend>
        {list.length === 0 ? <p class="hint">{m.empty}</p> : null}
        <ol class="menu-items">
          {list.map((it, i) => {
            const set = (patch: Partial<Item>) => change(which, (l) => l.map((x, k) => (k === i ? { ...x, ...patch } : x)));
            const swap = (j: number) =>
              change(which, (l) => {
                const next = [...l];
                [next[i], next[j]] = [next[j]!, next[i]!];
                return next;
              });
            const at = `${which}[${i}]`;
            return (
              <li key={`${which}-${i}`}>
                <fieldset class="menu-item">
                  <legend>{`${title} – ${m.item(i + 1)}`}</legend>
                  <SelectField label={m.kind} value={it.kind} onChange={(v) => set({ kind: v as Kind, targetId: null, url: null })} options={KINDS.map((k) => ({ value: k, label: m.kinds[k] }))} error={issueFor(error, `${at}.kind`)} />
                  {it.kind === 'url' ? (
                    <TextField key="url" label={m.url} maxLength={2000} value={it.url ?? ''} onInput={(v) => set({ url: v })} hint={m.urlHint} autoComplete="off" error={issueFor(error, `${at}.url`)} />
                  ) : (
                    <SelectField
                      key="target"
                      label={m.target}
                      value={it.targetId ? String(it.targetId) : ''}
                      placeholder={m.choose}
                      onChange={(v) => set({ targetId: v ? Number(v) : null })}
                      options={targets[it.kind].map((x) => ({ value: String(x.id), label: x.name }))}
                      error={issueFor(error, `${at}.targetId`)}
                    />
                  )}
                  <TextField key="label" label={m.label} value={it.label ?? ''} onInput={(v) => set({ label: v })} hint={m.labelHint} maxLength={100} error={issueFor(error, `${at}.label`)} />
                  <p>
                    <button type="button" class="btn btn--small" disabled={i === 0} onClick={() => swap(i - 1)}>
                      ↑ {w.up}
                    </button>{' '}
                    <button type="button" class="btn btn--small" disabled={i === list.length - 1} onClick={() => swap(i + 1)}>
                      ↓ {w.down}
                    </button>{' '}
                    <button type="button" class="btn btn--small btn--danger" aria-label={`${title} – ${m.removeLabel(i + 1)}`} onClick={() => change(which, (l) => l.filter((_, k) => k !== i))}>
                      {w.remove}
                    </button>
                  </p>
                </fieldset>
              </li>
            );
          })}
        </ol>
        <button type="button" class="btn" onClick={() => change(which, (l) => [...l, { kind: 'section', targetId: null, url: null, label: null }])}>
          {`${m.add} (${title})`}
        </button>
      </fieldset>
    );
  };

  return (
    <>
      <PageHeading title={m.title} />
      <p>{m.intro}</p>
      <EditionPicker value={edition} onChange={setEdition} />
      <ErrorSummary error={error} />
      {menus ? (
        <form onSubmit={save} noValidate class="narrow-form">
          {menuList('header')}
          {menuList('footer')}
          <button type="submit" class="btn btn--primary" disabled={busy}>
            {w.save}
          </button>
        </form>
      ) : (
        <p>{w.loading}</p>
      )}
    </>
  );
}
