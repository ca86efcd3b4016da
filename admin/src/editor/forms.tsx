import { useState } from 'preact/hooks';
import { MediaBrowser, UploadZone } from '../components/media.tsx';
import { Checkbox, TextArea, TextField } from '../components/fields.tsx';
import { ErrorSummary } from '../components/ui.tsx';
import { adoptWords, mediaName, useMedia } from '../data.ts';
import { t } from '../i18n.ts';
import type { Media } from '../types.ts';
import { isSafeHref } from './schema.ts';
import { VideoChoiceForm } from '../components/video-picker.tsx';

/** The small forms that edit the atoms of the block editor (and links), each shown in a dialog. */

type Attrs = Record<string, any>;
export interface AtomFormProps {
  attrs: Attrs;
  /** Whether the block is new (the button says "Insert") or being changed ("Apply"). */
  isNew: boolean;
  onSubmit: (attrs: Attrs) => void;
}

function Actions(props: { isNew: boolean }) {
  return (
    <div class="form-actions">
      <button type="submit" class="btn btn--primary">
        {props.isNew ? t.blocks.insert : t.blocks.apply}
      </button>
    </div>
  );
}

function issuesList(errors: Record<string, string | null>) {
  return Object.entries(errors)
    .filter(([, m]) => m)
    .map(([field, message]) => ({ field: '', message: message as string, key: field }));
}

/** A figure: choose (or upload) the picture, then its alternative text, caption, credit. */
export function FigureForm(props: AtomFormProps) {
  const [attrs, setAttrs] = useState<Attrs>({ ...props.attrs });
  const [picking, setPicking] = useState(attrs.image == null);
  const [errors, setErrors] = useState<Record<string, string | null>>({});
  // A picture uploaded from this form: what is typed here becomes its own words in the library too.
  const [uploaded, setUploaded] = useState<Media | null>(null);
  const media = useMedia(attrs.image);
  const set = (k: string) => (v: unknown) => setAttrs((a) => ({ ...a, [k]: v }));

  const choose = (m: Media) => {
    setAttrs((a) => ({
      ...a,
      image: m.id,
      // The library's text is the starting point; what was typed for this use wins.
      alt: a.alt || m.alt || '',
      caption: a.caption || m.caption || '',
      credit: a.credit || m.credit || '',
    }));
    setPicking(false);
  };

  if (picking) {
    return (
      <div class="figure-picker">
        <UploadZone
          onUploaded={(m) => {
            setUploaded(m);
            choose(m);
          }}
        />
        <MediaBrowser headingLevel={3} action={{ label: t.media.choose, ariaLabel: (m) => t.media.chooseLabel(mediaName(m)), run: choose }} />
      </div>
    );
  }

  const submit = async (e: Event) => {
    e.preventDefault();
    const errs = {
      image: attrs.image == null ? t.blocks.chooseImageFirst : null,
      alt: !String(attrs.alt ?? '').trim() && !attrs.decorative ? t.blocks.altRequired : null,
    };
    setErrors(errs);
    if (Object.values(errs).some(Boolean)) return;
    if (uploaded && uploaded.id === attrs.image) await adoptWords(uploaded, { alt: attrs.decorative ? '' : attrs.alt, caption: attrs.caption, credit: attrs.credit });
    props.onSubmit(attrs);
  };

  return (
    <form onSubmit={submit} noValidate>
      <div class="figure-form__image">
        {media ? <img src={media.url} alt="" /> : <p>{t.blocks.imageN(attrs.image)}</p>}
        <button type="button" class="btn btn--quiet" onClick={() => setPicking(true)}>
          {t.blocks.changeImage}
        </button>
      </div>
      <ErrorSummary issues={issuesList(errors)} />
      <TextArea label={t.blocks.alt} hint={t.blocks.altHint} value={attrs.alt} onInput={set('alt')} rows={2} required={!attrs.decorative} error={errors.alt} />
      <Checkbox label={t.blocks.decorativeLabel} checked={!!attrs.decorative} onChange={set('decorative')} />
      <TextArea label={t.blocks.caption} value={attrs.caption} onInput={set('caption')} rows={2} />
      <TextField label={t.blocks.credit} value={attrs.credit} onInput={set('credit')} />
      <Checkbox label={t.blocks.archiveLabel} checked={!!attrs.archive} onChange={set('archive')} />
      <Actions isNew={props.isNew} />
    </form>
  );
}

export function QuoteForm(props: AtomFormProps) {
  const [attrs, setAttrs] = useState<Attrs>({ ...props.attrs });
  const [errors, setErrors] = useState<Record<string, string | null>>({});
  const set = (k: string) => (v: unknown) => setAttrs((a) => ({ ...a, [k]: v }));
  const submit = (e: Event) => {
    e.preventDefault();
    const errs = { text: attrs.text.trim() ? null : t.blocks.textRequired, speakerName: attrs.speakerName.trim() ? null : t.blocks.nameRequired };
    setErrors(errs);
    if (!Object.values(errs).some(Boolean)) props.onSubmit(attrs);
  };
  return (
    <form onSubmit={submit} noValidate>
      <ErrorSummary issues={issuesList(errors)} />
      <TextArea label={t.blocks.quoteText} value={attrs.text} onInput={set('text')} rows={4} required error={errors.text} />
      <TextField label={t.blocks.speakerName} value={attrs.speakerName} onInput={set('speakerName')} required error={errors.speakerName} />
      <TextField label={t.blocks.speakerRole} value={attrs.speakerRole} onInput={set('speakerRole')} />
      <Actions isNew={props.isNew} />
    </form>
  );
}

export function PullquoteForm(props: AtomFormProps) {
  const [attrs, setAttrs] = useState<Attrs>({ ...props.attrs });
  const [error, setError] = useState<string | null>(null);
  const set = (k: string) => (v: unknown) => setAttrs((a) => ({ ...a, [k]: v }));
  const submit = (e: Event) => {
    e.preventDefault();
    const err = attrs.text.trim() ? null : t.blocks.textRequired;
    setError(err);
    if (!err) props.onSubmit(attrs);
  };
  return (
    <form onSubmit={submit} noValidate>
      <TextArea label={t.blocks.pullquoteText} value={attrs.text} onInput={set('text')} rows={3} required error={error} />
      <TextField label={t.blocks.attribution} value={attrs.attribution} onInput={set('attribution')} />
      <Actions isNew={props.isNew} />
    </form>
  );
}

/** The providers the site renders (src/content/blocks.ts parseEmbed). */
export function isEmbedUrl(raw: string): boolean {
  let u: URL;
  try {
    u = new URL(raw.trim());
  } catch {
    return false;
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') return false;
  const host = u.hostname.replace(/^www\.|^m\./, '');
  if (host === 'youtube.com') return u.pathname === '/watch' && /^[\w-]{11}$/.test(u.searchParams.get('v') ?? '');
  if (host === 'youtu.be') return /^\/[\w-]{11}$/.test(u.pathname);
  if (host === 'vimeo.com') return /^\/\d{1,12}$/.test(u.pathname);
  if (host === 'dailymotion.com') return /^\/video\/[a-z0-9]{5,12}$/i.test(u.pathname);
  return false;
}

export function EmbedForm(props: AtomFormProps) {
  const [attrs, setAttrs] = useState<Attrs>({ ...props.attrs });
  const [error, setError] = useState<string | null>(null);
  const set = (k: string) => (v: unknown) => setAttrs((a) => ({ ...a, [k]: v }));
  const submit = (e: Event) => {
    e.preventDefault();
    const err = isEmbedUrl(attrs.url) ? null : t.blocks.embedInvalid;
    setError(err);
    if (!err) props.onSubmit({ ...attrs, url: attrs.url.trim() });
  };
  return (
    <form onSubmit={submit} noValidate>
      <TextField label={t.blocks.embedUrl} type="url" hint={t.blocks.embedUrlHint} value={attrs.url} onInput={set('url')} required error={error} />
      <TextField label={t.blocks.embedName} value={attrs.title} onInput={set('title')} />
      <TextArea label={t.blocks.embedCaption} value={attrs.caption} onInput={set('caption')} rows={2} />
      <Actions isNew={props.isNew} />
    </form>
  );
}

/** A video of the library in the body: chosen among the ready videos, with an optional caption. */
export function VideoForm(props: AtomFormProps) {
  return (
    <VideoChoiceForm
      video={typeof props.attrs.video === 'number' ? props.attrs.video : null}
      caption={props.attrs.caption ?? ''}
      isNew={props.isNew}
      onSubmit={(v) => props.onSubmit({ ...props.attrs, video: v.video, caption: v.caption })}
    />
  );
}

export function LinkForm(props: { href: string; onSubmit: (href: string) => void; onRemove: (() => void) | null }) {
  const [href, setHref] = useState(props.href);
  const [error, setError] = useState<string | null>(null);
  const submit = (e: Event) => {
    e.preventDefault();
    const err = isSafeHref(href) ? null : t.blocks.linkInvalid;
    setError(err);
    if (!err) props.onSubmit(href.trim());
  };
  return (
    <form onSubmit={submit} noValidate>
      <TextField label={t.blocks.linkUrl} hint={t.blocks.linkHint} value={href} onInput={setHref} required error={error} />
      <div class="form-actions">
        <button type="submit" class="btn btn--primary">
          {t.blocks.apply}
        </button>
        {props.onRemove ? (
          <button type="button" class="btn btn--quiet" onClick={props.onRemove}>
            {t.blocks.unlink}
          </button>
        ) : null}
      </div>
    </form>
  );
}
