import { useState } from 'preact/hooks';
import { api } from '../api.ts';
import { MediaBrowser, UploadZone } from '../components/media.tsx';
import { Dialog } from '../components/dialog.tsx';
import { FocalPointPicker, type FocalValue } from '../components/focal-point.tsx';
import { TextArea, TextField } from '../components/fields.tsx';
import { ErrorSummary, PageHeading, announce, issueFor } from '../components/ui.tsx';
import { mediaName, rememberMedia } from '../data.ts';
import { t } from '../i18n.ts';
import type { Media } from '../types.ts';

export function MediaLibrary() {
  const [refresh, setRefresh] = useState(0);
  const [editing, setEditing] = useState<Media | null>(null);
  return (
    <>
      <PageHeading title={t.media.title} />
      <UploadZone onUploaded={() => setRefresh((n) => n + 1)} />
      <MediaBrowser refreshKey={refresh} action={{ label: t.media.edit, ariaLabel: (m) => t.media.editLabel(mediaName(m)), run: setEditing }} />
      <Dialog title={editing ? t.media.editTitle(mediaName(editing)) : ''} open={!!editing} onClose={() => setEditing(null)}>
        {editing ? (
          <MediaForm
            media={editing}
            onSaved={() => {
              setEditing(null);
              setRefresh((n) => n + 1);
            }}
          />
        ) : null}
      </Dialog>
    </>
  );
}

function MediaForm(props: { media: Media; onSaved: (m: Media) => void }) {
  const m = props.media;
  const [alt, setAlt] = useState(m.alt ?? '');
  const [caption, setCaption] = useState(m.caption ?? '');
  const [credit, setCredit] = useState(m.credit ?? '');
  const [copyright, setCopyright] = useState(m.copyright ?? '');
  const [focal, setFocal] = useState<FocalValue>({ x: m.focalX ?? null, y: m.focalY ?? null });
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const r = await api.patch<Media | { media: Media }>(`/api/admin/media/${m.id}`, { alt, caption, credit, copyright, focalX: focal.x, focalY: focal.y });
      const updated = (r as { media?: Media }).media ?? (r as Media);
      rememberMedia([updated]);
      announce(t.media.updated);
      props.onSaved(updated);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form onSubmit={submit}>
      <ErrorSummary error={error} />
      <FocalPointPicker src={m.url} width={m.width} height={m.height} value={focal} onChange={setFocal} />
      {issueFor(error, 'focalX') || issueFor(error, 'focalY') ? <p class="field__error">{issueFor(error, 'focalX') ?? issueFor(error, 'focalY')}</p> : null}
      <TextArea label={t.blocks.alt} hint={t.blocks.altHint} value={alt} onInput={setAlt} rows={2} error={issueFor(error, 'alt')} />
      <TextArea label={t.blocks.caption} value={caption} onInput={setCaption} rows={2} error={issueFor(error, 'caption')} />
      <TextField label={t.blocks.credit} value={credit} onInput={setCredit} error={issueFor(error, 'credit')} />
      <TextField label={t.media.copyright} value={copyright} onInput={setCopyright} error={issueFor(error, 'copyright')} />
      <button type="submit" class="btn btn--primary" disabled={busy}>
        {t.save}
      </button>
    </form>
  );
}
