import { useState } from 'preact/hooks';
import type { Draft } from '../article-draft.ts';
import { ATOM_ATTRS } from '../blocks.ts';
import { Dialog } from '../components/dialog.tsx';
import { MediaBrowser, UploadZone } from '../components/media.tsx';
import { SelectField, TextArea, TextField } from '../components/fields.tsx';
import { issueFor } from '../components/ui.tsx';
import { mediaName, useMedia, useSections } from '../data.ts';
import { FigureForm } from '../editor/forms.tsx';
import { t } from '../i18n.ts';
import { isVideoLeadRef, type Article, type Edition, type ImageRef, type VideoLeadRef } from '../types.ts';
import { ts } from '../i18n-subtitles.ts';
import { VideoCard, VideoChoiceForm } from '../components/video-picker.tsx';
import { ArticleTranslations } from './article-translations.tsx';

/** Not a possible slug (slugs have no underscore). */
const NEW_SECTION = '__new__';

/** The article's fields around the body: headline, standfirst, section, lead picture, address, tags, source, SEO and translations. */
export function ArticleFields(props: { draft: Draft; update: (p: Partial<Draft>) => void; isNew: boolean; article: Article | null; error: unknown; editions: Edition[] }) {
  const { draft, update, error } = props;
  const sections = useSections(draft.edition);
  const [creating, setCreating] = useState(false);
  const known = sections.some((s) => s.slug === draft.section);
  const sectionOptions = sections.map((s) => ({ value: s.slug, label: s.name }));
  // A section the list does not hold (yet) still shows.
  if (draft.section && !known && !creating) sectionOptions.unshift({ value: draft.section, label: draft.section });
  sectionOptions.push({ value: NEW_SECTION, label: t.editor.newSectionOption });
  const slugChanged = props.article?.status === 'published' && !!props.article.slug && draft.slug.trim() !== props.article.slug;

  return (
    <>
      <TextField label={t.editor.headline} name="headline" value={draft.headline} onInput={(v) => update({ headline: v })} required maxLength={300} error={issueFor(error, 'headline')} class="field--headline" />
      <TextArea label={t.editor.standfirst} name="standfirst" value={draft.standfirst} onInput={(v) => update({ standfirst: v })} rows={3} maxLength={1000} error={issueFor(error, 'standfirst')} />
      <div class="field-row">
        {props.isNew ? (
          <SelectField
            label={t.editor.edition}
            name="edition"
            value={draft.edition}
            onChange={(v) => update({ edition: v, section: '' })}
            required
            options={props.editions.map((e) => ({ value: e.code, label: e.name }))}
            error={issueFor(error, 'edition')}
          />
        ) : null}
        <SelectField
          label={t.editor.section}
          name="section"
          value={creating ? NEW_SECTION : draft.section}
          onChange={(v) => {
            setCreating(v === NEW_SECTION);
            update({ section: v === NEW_SECTION ? '' : v });
          }}
          required
          placeholder={t.editor.chooseSection}
          options={sectionOptions}
          error={creating ? null : issueFor(error, 'section')}
        />
        {creating ? (
          <TextField
            label={t.editor.newSection}
            name="newSection"
            value={draft.section}
            onInput={(v) => update({ section: v.trim().toLowerCase() })}
            hint={t.editor.newSectionHint}
            required
            spellcheck={false}
            error={issueFor(error, 'section')}
          />
        ) : null}
      </div>
      <LeadField lead={draft.lead} onChange={(lead) => update({ lead })} error={issueFor(error, 'lead.alt') ?? issueFor(error, 'lead.image') ?? issueFor(error, 'lead.video')} />
      <details class="metadata" open={props.isNew ? undefined : !!(draft.sourceName || draft.canonicalUrl || draft.seoTitle || draft.seoImage != null || slugChanged)}>
        <summary>{t.editor.metadata}</summary>
        <TextField
          label={t.editor.slug}
          name="slug"
          value={draft.slug}
          onInput={(v) => update({ slug: v })}
          hint={slugChanged ? <strong class="warn">{t.editor.slugPublished}</strong> : t.editor.slugHint}
          error={issueFor(error, 'slug')}
          spellcheck={false}
        />
        <TextField label={t.editor.authors} name="authors" value={draft.authors} onInput={(v) => update({ authors: v })} hint={t.editor.authorsHint} error={issueFor(error, 'authors')} />
        <TextField label={t.editor.tags} name="tags" value={draft.tags} onInput={(v) => update({ tags: v })} hint={t.editor.tagsHint} error={issueFor(error, 'tags')} />
        <div class="field-row">
          <TextField label={t.editor.sourceName} name="sourceName" value={draft.sourceName} onInput={(v) => update({ sourceName: v })} error={issueFor(error, 'source.name')} />
          <TextField label={t.editor.sourceUrl} name="sourceUrl" type="url" value={draft.sourceUrl} onInput={(v) => update({ sourceUrl: v })} error={issueFor(error, 'source.url')} />
        </div>
        <TextField
          label={t.editor.canonicalUrl}
          name="canonicalUrl"
          type="url"
          value={draft.canonicalUrl}
          onInput={(v) => update({ canonicalUrl: v })}
          hint={t.editor.canonicalHint}
          error={issueFor(error, 'canonicalUrl')}
        />
        <TextField label={t.editor.seoTitle} name="seoTitle" value={draft.seoTitle} onInput={(v) => update({ seoTitle: v })} maxLength={200} error={issueFor(error, 'seo.title')} />
        <TextArea
          label={t.editor.seoDescription}
          name="seoDescription"
          value={draft.seoDescription}
          onInput={(v) => update({ seoDescription: v })}
          rows={2}
          maxLength={500}
          error={issueFor(error, 'seo.description')}
        />
        <SocialImageField image={draft.seoImage} onChange={(seoImage) => update({ seoImage })} error={issueFor(error, 'seo.image')} />
      </details>
      <ArticleTranslations draft={draft} update={update} article={props.article} error={issueFor(error, 'translationOf')} editions={props.editions} />
    </>
  );
}

function LeadField(props: { lead: ImageRef | VideoLeadRef | null; onChange: (lead: ImageRef | VideoLeadRef | null) => void; error: string | null }) {
  const [open, setOpen] = useState(false);
  const [videoOpen, setVideoOpen] = useState(false);
  const videoLead = isVideoLeadRef(props.lead) ? props.lead : null;
  const lead = videoLead ? null : (props.lead as ImageRef | null);
  const media = useMedia(lead?.image);
  // A TV story leads with its report: the lead is then a video of the library, its poster standing for it.
  const videoDialog = (
    <Dialog title={ts.video.lead} open={videoOpen} wide onClose={() => setVideoOpen(false)}>
      {videoOpen ? (
        <VideoChoiceForm
          video={videoLead?.video ?? null}
          caption={videoLead?.caption ?? ''}
          isNew={!videoLead}
          onSubmit={(v) => {
            setVideoOpen(false);
            props.onChange({ video: v.video, ...(v.caption ? { caption: v.caption } : {}) });
          }}
        />
      ) : null}
    </Dialog>
  );
  if (videoLead) {
    return (
      <fieldset class="lead-field lead-field--video">
        <legend>{ts.video.lead}</legend>
        <VideoCard id={videoLead.video} />
        {videoLead.caption ? <p class="sub">{videoLead.caption}</p> : null}
        {props.error ? <p class="field-error">{props.error}</p> : null}
        <div class="form-actions">
          <button type="button" class="btn btn--small" onClick={() => setVideoOpen(true)}>
            {ts.video.change}
          </button>
          <button type="button" class="btn btn--small" onClick={() => setOpen(true)}>
            {ts.video.leadAsImage}
          </button>
          <button type="button" class="btn btn--small btn--quiet" onClick={() => props.onChange(null)}>
            {t.editor.leadRemove}
          </button>
        </div>
        {videoDialog}
        <Dialog title={t.editor.lead} open={open} wide onClose={() => setOpen(false)}>
          <FigureForm
            attrs={{ ...ATOM_ATTRS.figure }}
            isNew
            onSubmit={(a) => {
              setOpen(false);
              props.onChange({ image: a.image, alt: a.alt ?? '', caption: a.caption, credit: a.credit, archive: a.archive, decorative: a.decorative, copyright: a.copyright, sourceUrl: a.sourceUrl });
            }}
          />
        </Dialog>
      </fieldset>
    );
  }
  return (
    <fieldset class="lead-field">
      <legend>{t.editor.lead}</legend>
      {lead ? (
        <div class="lead-field__current">
          {media ? <img src={media.url} alt="" /> : null}
          <div>
            <p>{lead.alt || t.blocks.missingAlt}</p>
            {lead.credit ? <p class="sub">{lead.credit}</p> : <p class="warn">{t.blocks.missingCredit}</p>}
          </div>
        </div>
      ) : (
        <p class="sub">{t.editor.leadNone}</p>
      )}
      {props.error ? <p class="field-error">{props.error}</p> : null}
      <div class="form-actions">
        <button type="button" class="btn btn--small" onClick={() => setOpen(true)}>
          {lead ? t.editor.leadEdit : t.editor.leadChoose}
        </button>
        <button type="button" class="btn btn--small" onClick={() => setVideoOpen(true)}>
          {ts.video.leadAsVideo}
        </button>
        {lead ? (
          <button type="button" class="btn btn--small btn--quiet" onClick={() => props.onChange(null)}>
            {t.editor.leadRemove}
          </button>
        ) : null}
      </div>
      {videoDialog}
      <Dialog title={t.editor.lead} open={open} wide onClose={() => setOpen(false)}>
        <FigureForm
          attrs={{ ...ATOM_ATTRS.figure, ...(lead ?? {}) }}
          isNew={!lead}
          onSubmit={(a) => {
            setOpen(false);
            props.onChange({
              image: a.image,
              alt: a.alt ?? '',
              caption: a.caption,
              credit: a.credit,
              archive: a.archive,
              decorative: a.decorative,
              copyright: a.copyright,
              sourceUrl: a.sourceUrl,
            });
          }}
        />
      </Dialog>
    </fieldset>
  );
}

/** The picture shown when the article is shared (seo.image): chosen from the library like the lead photo, or none (the lead's is used). */
function SocialImageField(props: { image: number | string | null; onChange: (image: number | null) => void; error: string | null }) {
  const [open, setOpen] = useState(false);
  const media = useMedia(props.image);
  const choose = (m: { id: number }) => {
    setOpen(false);
    props.onChange(m.id);
  };
  const name = media ? mediaName(media) : props.image != null ? t.blocks.imageN(props.image) : '';
  return (
    <fieldset class="lead-field social-image-field">
      <legend>{t.editor.socialImage}</legend>
      {props.image != null ? (
        <div class="lead-field__current">
          {media ? <img src={media.url} alt="" /> : null}
          <div>
            <p>{t.editor.socialImageCurrent(name)}</p>
            {media?.alt ? <p class="sub">{media.alt}</p> : null}
          </div>
        </div>
      ) : (
        <p class="sub">{t.editor.socialImageNone}</p>
      )}
      {props.error ? <p class="field-error">{props.error}</p> : null}
      <div class="form-actions">
        <button type="button" class="btn btn--small" onClick={() => setOpen(true)}>
          {props.image != null ? t.editor.socialImageChange : t.editor.socialImageChoose}
        </button>
        {props.image != null ? (
          <button type="button" class="btn btn--small btn--quiet" onClick={() => props.onChange(null)}>
            {t.editor.socialImageRemove}
          </button>
        ) : null}
      </div>
      <Dialog title={t.editor.socialImage} open={open} wide onClose={() => setOpen(false)}>
        {open ? (
          <div class="figure-picker">
            <UploadZone onUploaded={choose} />
            <MediaBrowser headingLevel={3} action={{ label: t.media.choose, ariaLabel: (m) => t.media.chooseLabel(mediaName(m)), run: choose }} />
          </div>
        ) : null}
      </Dialog>
    </fieldset>
  );
}
