import type { ComponentChildren, RefObject } from 'preact';
import { useRef, useState } from 'preact/hooks';
import { uploadMedia } from '../data.ts';
import { t } from '../i18n.ts';
import { isPostShortcut, type ComposerIssue, type ComposerState } from '../live-entries.ts';
import type { Media } from '../types.ts';
import { Dialog } from './dialog.tsx';
import { Checkbox, TextArea, TextField } from './fields.tsx';
import { MediaBrowser } from './media.tsx';
import { ErrorSummary, Spinner, announce, useUniqueId } from './ui.tsx';

/**
 * The form of an entry, made for speed: focus lands in the text, Ctrl+Entrée
 * (⌘+Entrée) sends from any field, the title is optional, and a photo (from the
 * library or the device's camera roll), a quote or an embed is one button away.
 * Used by the desk's composer and by the in-place editing of an entry.
 */
export function EntryForm(props: {
  value: ComposerState;
  onChange: (v: ComposerState) => void;
  onSubmit: () => void;
  submitLabel: string;
  busy: boolean;
  issues: ComposerIssue[];
  error?: unknown;
  textRef?: RefObject<HTMLTextAreaElement>;
  /** Editing an entry: shows the correction note. */
  editing?: boolean;
  /** Posting as a draft (the hint says "proposer"). */
  draft?: boolean;
  labelledBy?: string;
  children?: ComponentChildren;
}) {
  const L = t.live.composer;
  const v = props.value;
  const set = (patch: Partial<ComposerState>) => props.onChange({ ...v, ...patch });
  const textId = useUniqueId('et');
  const fileId = useUniqueId('ef');
  const [picking, setPicking] = useState(false);
  const [uploading, setUploading] = useState(false);
  const [uploadError, setUploadError] = useState<unknown>(null);
  const altRef = useRef<HTMLInputElement>(null);
  const quoteRef = useRef<HTMLTextAreaElement>(null);
  const embedRef = useRef<HTMLInputElement>(null);
  const ownTextRef = useRef<HTMLTextAreaElement>(null);
  const textRef = props.textRef ?? ownTextRef;
  const issue = (field: string) => props.issues.find((i) => i.field === field)?.message ?? null;

  const placeMedia = (m: Media) => {
    set({ figure: { image: m.id, alt: m.alt ?? '', caption: m.caption ?? '', credit: m.credit ?? '', url: m.url } });
    // The alt text is required: go there (after the dialog has given focus back).
    setTimeout(() => altRef.current?.focus(), 0);
  };

  const upload = async (input: HTMLInputElement) => {
    const file = input.files?.[0];
    if (!file) return;
    setUploading(true);
    setUploadError(null);
    try {
      const m = await uploadMedia(file);
      announce(L.uploaded(m.filename || file.name));
      placeMedia(m);
    } catch (err) {
      setUploadError(err);
    } finally {
      setUploading(false);
      input.value = '';
    }
  };

  return (
    <form
      class="entry-form"
      aria-labelledby={props.labelledBy}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        props.onSubmit();
      }}
      onKeyDown={(e) => {
        if (isPostShortcut(e)) {
          e.preventDefault();
          props.onSubmit();
        }
      }}
    >
      <ErrorSummary issues={props.issues} focus={false} />
      <ErrorSummary error={props.error} focus={false} />
      <TextField label={L.title} hint={t.optional} value={v.title} onInput={(title) => set({ title })} maxLength={300} autoComplete="off" />
      <div class={`field${issue('text') ? ' field--error' : ''}`}>
        <label for={textId}>{L.text}</label>
        <p class="hint" id={`${textId}-hint`}>
          {props.draft ? L.textHintDraft : L.textHint}
        </p>
        <textarea
          id={textId}
          ref={textRef}
          class="entry-form__text"
          rows={props.editing ? 4 : 3}
          value={v.text}
          aria-describedby={`${textId}-hint${issue('text') ? ` ${textId}-error` : ''}`}
          aria-invalid={issue('text') ? 'true' : undefined}
          onInput={(e) => set({ text: (e.currentTarget as HTMLTextAreaElement).value })}
        />
        {issue('text') ? (
          <p class="field-error" id={`${textId}-error`}>
            {issue('text')}
          </p>
        ) : null}
      </div>

      {v.figure ? (
        <fieldset class="entry-form__part">
          <legend>{L.photo}</legend>
          {v.figure.url ? <img class="entry-form__thumb" src={v.figure.url} alt="" /> : null}
          <TextField label={L.alt} hint={L.altHint} required value={v.figure.alt} inputRef={altRef} error={issue('figure.alt')} onInput={(alt) => set({ figure: { ...v.figure!, alt } })} />
          <TextField label={L.caption} value={v.figure.caption} onInput={(caption) => set({ figure: { ...v.figure!, caption } })} />
          <TextField label={L.credit} value={v.figure.credit} onInput={(credit) => set({ figure: { ...v.figure!, credit } })} />
          <button type="button" class="btn btn--small btn--quiet" onClick={() => set({ figure: null })}>
            {L.remove} ({L.photo})
          </button>
        </fieldset>
      ) : null}

      {v.quote ? (
        <fieldset class="entry-form__part">
          <legend>{L.quote}</legend>
          <QuoteText value={v.quote.text} error={issue('quote.text')} inputRef={quoteRef} onInput={(text) => set({ quote: { ...v.quote!, text } })} />
          <TextField label={L.speaker} required value={v.quote.name} error={issue('quote.name')} onInput={(name) => set({ quote: { ...v.quote!, name } })} />
          <TextField label={L.role} hint={t.optional} value={v.quote.role} onInput={(role) => set({ quote: { ...v.quote!, role } })} />
          <button type="button" class="btn btn--small btn--quiet" onClick={() => set({ quote: null })}>
            {L.remove} ({L.quote})
          </button>
        </fieldset>
      ) : null}

      {v.embed ? (
        <fieldset class="entry-form__part">
          <legend>{L.embed}</legend>
          <TextField label={L.embedUrl} type="url" required value={v.embed.url} inputRef={embedRef} error={issue('embed.url')} onInput={(url) => set({ embed: { ...v.embed!, url } })} />
          <TextField label={L.embedTitle} hint={t.optional} value={v.embed.title} onInput={(title) => set({ embed: { ...v.embed!, title } })} />
          <button type="button" class="btn btn--small btn--quiet" onClick={() => set({ embed: null })}>
            {L.remove} ({L.embed})
          </button>
        </fieldset>
      ) : null}

      {v.kept.length ? <p class="hint">{t.live.entries.kept(v.kept.length)}</p> : null}

      {props.editing ? (
        <TextArea label={t.live.entries.correction} hint={t.live.entries.correctionHint} value={v.correction} rows={2} maxLength={1000} onInput={(correction) => set({ correction })} />
      ) : null}

      <div class="entry-form__row">
        <Checkbox label={L.keyPoint} checked={v.keyPoint} onChange={(keyPoint) => set({ keyPoint })} />
        <Checkbox label={L.pinned} checked={v.pinned} onChange={(pinned) => set({ pinned })} />
      </div>

      <div class="entry-form__row" role="group" aria-label={L.add}>
        {!v.figure ? (
          <>
            <button type="button" class="btn btn--small" onClick={() => setPicking(true)} disabled={uploading}>
              {L.addPhoto}
            </button>
            <input
              id={fileId}
              class="file-input"
              type="file"
              accept="image/*"
              disabled={uploading}
              onChange={(e) => upload(e.currentTarget as HTMLInputElement)}
            />
            <label for={fileId} class="btn btn--small" title={L.cameraRoll}>
              {L.addUpload}
            </label>
          </>
        ) : null}
        {!v.quote ? (
          <button
            type="button"
            class="btn btn--small"
            onClick={() => {
              set({ quote: { text: '', name: '', role: '' } });
              setTimeout(() => quoteRef.current?.focus(), 0);
            }}
          >
            {L.addQuote}
          </button>
        ) : null}
        {!v.embed ? (
          <button
            type="button"
            class="btn btn--small"
            onClick={() => {
              set({ embed: { url: '', title: '' } });
              setTimeout(() => embedRef.current?.focus(), 0);
            }}
          >
            {L.addEmbed}
          </button>
        ) : null}
      </div>
      {uploading ? <Spinner label={L.uploading} /> : null}
      <ErrorSummary error={uploadError} focus={false} />

      <div class="form-actions">
        <button type="submit" class="btn btn--primary" disabled={props.busy} aria-keyshortcuts="Control+Enter Meta+Enter">
          {props.busy ? L.posting : props.submitLabel}
        </button>
        {props.children}
      </div>

      <Dialog title={L.pickPhoto} open={picking} onClose={() => setPicking(false)} wide>
        <MediaBrowser
          headingLevel={3}
          action={{
            label: L.pick,
            ariaLabel: (m) => L.pickLabel(m.filename || String(m.id)),
            run: (m) => {
              setPicking(false);
              placeMedia(m);
            },
          }}
        />
      </Dialog>
    </form>
  );
}

function QuoteText(props: { value: string; error: string | null; inputRef: RefObject<HTMLTextAreaElement>; onInput: (v: string) => void }) {
  const id = useUniqueId('eq');
  return (
    <div class={`field${props.error ? ' field--error' : ''}`}>
      <label for={id}>{t.live.composer.quoteText}</label>
      <textarea
        id={id}
        ref={props.inputRef}
        rows={2}
        value={props.value}
        required
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={props.error ? `${id}-error` : undefined}
        onInput={(e) => props.onInput((e.currentTarget as HTMLTextAreaElement).value)}
      />
      {props.error ? (
        <p class="field-error" id={`${id}-error`}>
          {props.error}
        </p>
      ) : null}
    </div>
  );
}
