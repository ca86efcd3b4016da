import { useState } from 'preact/hooks';
import { api } from '../api.ts';
import { changeRows } from '../compare.ts';
import { useSections } from '../data.ts';
import { t } from '../i18n.ts';
import { BASE, navigate } from '../router.ts';
import type { Article, Edition, TranslationSource } from '../types.ts';
import { SelectField } from './fields.tsx';
import { ErrorSummary, announce } from './ui.tsx';

/**
 * The editor's translation tools: "Traduire en…" makes a linked draft in
 * another edition; on a translation made so, the badge says when the source
 * changed since, with what changed, and "Marquer comme à jour" clears it.
 */
export function TranslatePanel(props: { article: Article; editions: Edition[]; disabled: boolean; beforeCreate: () => Promise<boolean>; onSourceChecked: (s: TranslationSource) => void }) {
  const { article, editions } = props;
  const taken = new Set([article.edition, ...(article.translations ?? []).map((m) => m.edition)]);
  const open = editions.filter((e) => !taken.has(e.code));
  const [edition, setEdition] = useState('');
  const chosen = open.some((e) => e.code === edition) ? edition : (open[0]?.code ?? '');
  const sections = useSections(chosen);
  const [section, setSection] = useState('');
  const same = sections.some((s) => s.slug === article.section);
  const sectionChosen = sections.some((s) => s.slug === section) ? section : same ? article.section : '';
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const editionName = (code: string) => {
    const e = editions.find((x) => x.code === code);
    return e ? t.translations.edition(e.name, e.code) : code;
  };

  const create = async () => {
    setError(null);
    setBusy(true);
    try {
      // The translation copies the article as saved: unsaved changes are saved first.
      if (!(await props.beforeCreate())) return;
      const r = await api.post<{ article: Article }>(`/api/admin/articles/${article.id}/translations`, { edition: chosen, ...(sectionChosen ? { section: sectionChosen } : {}) });
      announce(t.translate.created(editionName(chosen)));
      navigate(`${BASE}/articles/${r.article.id}`);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const markUpToDate = async () => {
    setError(null);
    try {
      const r = await api.post<{ translationSource: TranslationSource }>(`/api/admin/articles/${article.id}/translation-source/up-to-date`);
      props.onSourceChecked(r.translationSource);
      announce(t.translate.marked);
    } catch (err) {
      setError(err);
    }
  };

  const source = article.translationSource;
  return (
    <>
      {source ? (
        <section class="translate-source" aria-labelledby="translate-source-title">
          <h3 id="translate-source-title">{t.translate.sourceHeading}</h3>
          <p>
            <a href={`${BASE}/articles/${source.id}`}>{t.translate.source(source.headline || t.list.untitled, editionName(source.edition))}</a>
          </p>
          {source.changed ? (
            <div class="translate-source__changed">
              <p>
                <span class="badge badge--source-changed">{t.translate.changed}</span>
              </p>
              <p class="sub">{t.translate.changedSince(source.translatedVersion, source.currentVersion)}</p>
              <ul class="compare-list" aria-label={t.compare.changes}>
                {changeRows(source.changes).map((c) => (
                  <li key={c.field}>
                    <p class="compare-list__field">{c.label}</p>
                    <dl>
                      <dt>{t.compare.before}</dt>
                      <dd class="compare-list__before">{c.before}</dd>
                      <dt>{t.compare.after}</dt>
                      <dd class="compare-list__after">{c.after}</dd>
                    </dl>
                  </li>
                ))}
              </ul>
              <button type="button" class="btn btn--small" onClick={markUpToDate} disabled={props.disabled}>
                {t.translate.markUpToDate}
              </button>
            </div>
          ) : (
            <p class="sub">{t.translate.upToDate(source.currentVersion)}</p>
          )}
        </section>
      ) : null}
      <section class="translate-panel" aria-labelledby="translate-title">
        <h3 id="translate-title">{t.translate.heading}</h3>
        {open.length === 0 ? (
          <p class="sub">{editions.length > 1 ? t.translate.allDone : t.translations.noOtherEdition}</p>
        ) : (
          <>
            <p class="hint">{t.translate.intro}</p>
            <SelectField label={t.translate.edition} value={chosen} onChange={setEdition} options={open.map((e) => ({ value: e.code, label: editionName(e.code) }))} />
            <SelectField
              label={t.translate.section}
              value={sectionChosen}
              onChange={setSection}
              hint={same ? t.translate.sectionSame(article.section) : t.translate.sectionMissing(article.section)}
              options={[...(same ? [] : [{ value: '', label: t.editor.chooseSection }]), ...sections.map((s) => ({ value: s.slug, label: s.name }))]}
            />
            <button type="button" class="btn" onClick={create} disabled={props.disabled || busy || !chosen || !sectionChosen}>
              {t.translate.submit}
            </button>
          </>
        )}
        <ErrorSummary error={error} />
      </section>
    </>
  );
}
