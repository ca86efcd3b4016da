import { t } from '../i18n.ts';

/** A passage where a search's words were found, as the Admin API sends it: plain text, the words marked. */
export interface Found {
  field: string;
  segments: Array<{ text: string; mark?: boolean }>;
}

/** The fields' names, in French, joined: "corps du texte, citation". */
export function foundFields(found: Found[]): string {
  return found.map((f) => t.found.fields[f.field] ?? f.field).join(', ');
}

/**
 * "Trouvé dans : corps du texte, citation", then each passage with the words
 * marked. Text goes in as text (escaped by Preact), never as HTML.
 */
export function FoundIn(props: { found: Found[] | undefined }) {
  const found = props.found ?? [];
  if (!found.length) return null;
  // The headline is already shown in the row: its passage would repeat it.
  const passages = found.filter((f) => f.field !== 'headline');
  return (
    <div class="found-in">
      <p class="sub">
        {t.found.label} : {foundFields(found)}
      </p>
      {passages.length ? (
        <dl class="found-in__passages">
          {passages.map((f) => (
            <div key={f.field}>
              <dt>{t.found.fields[f.field] ?? f.field}</dt>
              <dd>
                {f.segments.map((s, i) => (s.mark ? <mark key={i}>{s.text}</mark> : s.text))}
              </dd>
            </div>
          ))}
        </dl>
      ) : null}
    </div>
  );
}
