import type { ComponentChildren, RefObject } from 'preact';
import { t } from '../i18n.ts';
import { useUniqueId } from './ui.tsx';

/** Form fields with their label, hint and error tied together by ids, as screen readers need. */

interface FieldBase {
  label: string;
  hint?: ComponentChildren;
  error?: string | null;
  required?: boolean;
  id?: string;
  name?: string;
  disabled?: boolean;
}

function useFieldIds(props: FieldBase) {
  const auto = useUniqueId('f');
  const id = props.id ?? auto;
  const hintId = props.hint ? `${id}-hint` : undefined;
  const errorId = props.error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return { id, hintId, errorId, describedBy };
}

function FieldFrame(props: FieldBase & { ids: ReturnType<typeof useFieldIds>; children: ComponentChildren; class?: string }) {
  return (
    <div class={`field${props.error ? ' field--error' : ''}${props.class ? ` ${props.class}` : ''}`}>
      <div class="label-line">
        <label for={props.ids.id}>{props.label}</label>
        {/* Screen readers say "required" from the attribute; the word is for the eye. */}
        {props.required ? (
          <span class="req" aria-hidden="true">
            {t.required}
          </span>
        ) : null}
      </div>
      {props.hint ? (
        <p class="hint" id={props.ids.hintId}>
          {props.hint}
        </p>
      ) : null}
      {props.children}
      {props.error ? (
        <p class="field-error" id={props.ids.errorId}>
          {props.error}
        </p>
      ) : null}
    </div>
  );
}

export function TextField(
  props: FieldBase & {
    value: string;
    onInput: (v: string) => void;
    type?: string;
    autoComplete?: string;
    inputRef?: RefObject<HTMLInputElement>;
    list?: string;
    class?: string;
    spellcheck?: boolean;
    maxLength?: number;
  },
) {
  const ids = useFieldIds(props);
  return (
    <FieldFrame {...props} ids={ids}>
      <input
        id={ids.id}
        name={props.name}
        ref={props.inputRef}
        type={props.type ?? 'text'}
        value={props.value}
        required={props.required}
        disabled={props.disabled}
        autoComplete={props.autoComplete}
        list={props.list}
        spellcheck={props.spellcheck}
        maxLength={props.maxLength}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={ids.describedBy}
        onInput={(e) => props.onInput((e.currentTarget as HTMLInputElement).value)}
      />
    </FieldFrame>
  );
}

export function TextArea(props: FieldBase & { value: string; onInput: (v: string) => void; rows?: number; maxLength?: number; class?: string }) {
  const ids = useFieldIds(props);
  return (
    <FieldFrame {...props} ids={ids}>
      <textarea
        id={ids.id}
        name={props.name}
        rows={props.rows ?? 3}
        value={props.value}
        required={props.required}
        disabled={props.disabled}
        maxLength={props.maxLength}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={ids.describedBy}
        onInput={(e) => props.onInput((e.currentTarget as HTMLTextAreaElement).value)}
      />
    </FieldFrame>
  );
}

export function SelectField(
  props: FieldBase & { value: string; onChange: (v: string) => void; options: Array<{ value: string; label: string }>; placeholder?: string; class?: string },
) {
  const ids = useFieldIds(props);
  return (
    <FieldFrame {...props} ids={ids}>
      <select
        id={ids.id}
        name={props.name}
        value={props.value}
        required={props.required}
        disabled={props.disabled}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={ids.describedBy}
        onChange={(e) => props.onChange((e.currentTarget as HTMLSelectElement).value)}
      >
        {props.placeholder !== undefined ? <option value="">{props.placeholder}</option> : null}
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
}

export function Checkbox(props: { label: string; checked: boolean; onChange: (v: boolean) => void; hint?: string; disabled?: boolean }) {
  const id = useUniqueId('c');
  return (
    <div class="field field--check">
      <input
        id={id}
        type="checkbox"
        checked={props.checked}
        disabled={props.disabled}
        aria-describedby={props.hint ? `${id}-hint` : undefined}
        onChange={(e) => props.onChange((e.currentTarget as HTMLInputElement).checked)}
      />
      <label for={id}>{props.label}</label>
      {props.hint ? (
        <p class="hint" id={`${id}-hint`}>
          {props.hint}
        </p>
      ) : null}
    </div>
  );
}
