import type { ComponentChildren } from 'preact';
import { isVideoLead, parseEmbed, type InlineRun, type StoredBlock, type StoredFigure, type StoredLead } from '../content/blocks.ts';
import { paths } from '../content/paths.ts';
import { slugify } from '../content/slug.ts';
import type { EditionContext } from './context.ts';
import { Picture, type PictureImage } from './picture.tsx';
import { VideoPlayer } from '../video/video-player.tsx';
import type { VideoView } from '../video/video-view.ts';

/**
 * The only way user content reaches a page: each block type has one component,
 * and every string goes through Preact's escaping.
 */
export interface BlockProps {
  ctx: EditionContext;
  images: Map<number, PictureImage>;
  /** The library videos the page shows (lead and video blocks), ready ones only (src/video/video-view.ts). */
  videos?: Map<number, VideoView>;
}

type ImageLead = Omit<StoredFigure, 'type'>;

const PROVIDER_NAMES = { youtube: 'YouTube', vimeo: 'Vimeo', dailymotion: 'Dailymotion' } as const;

function Runs({ runs, t }: { runs: InlineRun[]; t: (s: string) => string }) {
  return (
    <>
      {runs.map((r) => {
        let node: ComponentChildren = t(r.text);
        if (r.italic) node = <em>{node}</em>;
        if (r.bold) node = <strong>{node}</strong>;
        if (r.href) node = <a href={r.href}>{node}</a>;
        return node;
      })}
    </>
  );
}

/** Caption, then credit; an archive photo says so. */
function Caption({ f, ctx }: { f: ImageLead; ctx: EditionContext }) {
  if (!f.caption && !f.credit && !f.archive) return null;
  return (
    <figcaption>
      {f.caption && <span class="caption">{ctx.t(f.caption)}</span>}
      {f.archive && <span class="archive">{ctx.labels.archivePhoto}</span>}
      {f.credit && <bdi class="credit">{ctx.t(f.credit)}</bdi>}
    </figcaption>
  );
}

export function Figure(props: BlockProps & { f: StoredLead; lead?: boolean }) {
  const { f, ctx } = props;
  if (isVideoLead(f)) return <VideoFigure {...props} id={f.video} caption={f.caption} fallback={f} />;
  const image = props.images.get(f.imageId);
  if (!image) return null;
  return (
    <figure class={props.lead ? 'figure lead' : f.archive ? 'figure archive-photo' : 'figure'}>
      <Picture
        parse={ctx.variants}
        link={ctx.media}
        memo={ctx.markup}
        image={image}
        alt={f.decorative ? '' : f.alt}
        sizes={props.lead ? '(min-width: 52rem) 50rem, 100vw' : '(min-width: 44rem) 42rem, 100vw'}
        eager={props.lead}
      />
      <Caption f={f} ctx={ctx} />
    </figure>
  );
}

/**
 * A library video (an article's lead or a video block): the player, with the
 * caption the article gives it, else the video's title, then its credit. A
 * video that is not ready (or was deleted) shows its poster as a picture when
 * it has one, else nothing: a page never offers a player with nothing to play.
 */
function VideoFigure(props: BlockProps & { id: number; caption?: string; lead?: boolean; fallback?: { imageId?: number; alt: string; credit?: string } }) {
  const { ctx, id } = props;
  const video = props.videos?.get(id);
  if (!video) {
    const f = props.fallback;
    return f?.imageId !== undefined ? <Figure ctx={ctx} images={props.images} f={{ imageId: f.imageId, alt: f.alt, caption: props.caption, credit: f.credit }} lead={props.lead} /> : null;
  }
  const credit = video.credit ?? props.fallback?.credit;
  const caption = props.caption ?? video.title;
  return (
    <div class={props.lead ? 'video-figure lead' : 'video-figure'} id={props.lead ? `video-${video.id}` : undefined}>
      <VideoPlayer
        ctx={ctx}
        source={video}
        eager={props.lead}
        sizes={props.lead ? '(min-width: 52rem) 50rem, 100vw' : '(min-width: 44rem) 42rem, 100vw'}
        caption={
          <>
            <span class="caption">{ctx.t(caption)}</span>
            {credit && <bdi class="credit">{ctx.t(credit)}</bdi>}
          </>
        }
      />
    </div>
  );
}

export function Block({ block, ctx, images, videos }: BlockProps & { block: StoredBlock }) {
  const t = ctx.t;
  switch (block.type) {
    case 'paragraph':
      return <p>{block.content ? <Runs runs={block.content} t={t} /> : t(block.text ?? '')}</p>;
    case 'heading':
      return <h2>{t(block.text)}</h2>;
    case 'figure':
      return <Figure f={block} ctx={ctx} images={images} />;
    case 'quote':
      return (
        <figure class="quote">
          <blockquote>
            <p>{t(block.text)}</p>
          </blockquote>
          <figcaption>
            <a class="speaker" href={paths.person(ctx.edition.code, slugify(block.speaker.name))}>
              <bdi>{t(block.speaker.name)}</bdi>
            </a>
            {block.speaker.role && <bdi class="role">{t(block.speaker.role)}</bdi>}
          </figcaption>
        </figure>
      );
    case 'pullquote':
      return (
        <figure class="pullquote">
          <blockquote>
            <p>{t(block.text)}</p>
          </blockquote>
          {block.attribution && <figcaption class="attribution">{t(block.attribution)}</figcaption>}
        </figure>
      );
    case 'list': {
      const items = block.items.map((i) => <li>{t(i)}</li>);
      return block.ordered ? <ol>{items}</ol> : <ul>{items}</ul>;
    }
    case 'embed': {
      const target = parseEmbed(block.url);
      if (!target) return null;
      const provider = PROVIDER_NAMES[target.provider];
      return (
        <figure class="embed" data-provider={target.provider}>
          <div class="embed-frame" data-player={target.playerUrl} data-title={block.title ?? provider}>
            <a href={target.pageUrl}>
              {t(`${ctx.labels.watchOn(provider)}${block.title ? ` — ${block.title}` : ''}`)}
            </a>
            <button type="button" class="embed-load" hidden>
              {ctx.labels.loadEmbed(provider)}
            </button>
          </div>
          {block.caption && <figcaption>{t(block.caption)}</figcaption>}
        </figure>
      );
    }
    case 'video':
      return <VideoFigure ctx={ctx} images={images} videos={videos} id={block.video} caption={block.caption} />;
    default:
      return null;
  }
}
