import type { ComponentChildren } from 'preact';
import type { PictureRow } from '../content/article.repository.ts';
import type { EditionContext } from '../render/context.ts';
import { Picture } from '../render/picture.tsx';
import { videoLabelsFor } from './video-labels.ts';
import { clockDuration, type VideoSubtitleLink } from './video-view.ts';

/**
 * What the player plays: a library video (a VideoView fits as is) or, with
 * `live`, a channel's stream (only `title` and `hlsUrl` are needed then).
 */
export interface PlayerSource {
  title: string;
  /** The HLS master playlist (or the live stream). */
  hlsUrl: string;
  mp4Url?: string | null;
  spriteVttUrl?: string | null;
  posterImage?: PictureRow | null;
  subtitles?: VideoSubtitleLink[];
  transcript?: { language: string; text: string } | null;
  durationMs?: number | null;
}

/**
 * The player as the server writes it: a poster that is a link, so that with
 * JavaScript off it still plays (the MP4, or the stream, in the browser's own
 * player), then links to the MP4 and to each subtitle file, then the
 * transcript as page text, just after the figure (a figure's caption must
 * be its last child). public/video.js reads the same markup (the
 * contract in docs/video-player.md) and builds the accessible player on the
 * reader's first play; until then only the poster loads.
 *
 * `live` is the channel's variant (the live page, /fr/direct): no MP4, no
 * subtitles files, no transcript; `data-live` tells the script to show no
 * seek bar and to start at the live edge.
 */
export function VideoPlayer({ ctx, source, live = false, eager = false, caption, sizes }: { ctx: EditionContext; source: PlayerSource; live?: boolean; eager?: boolean; caption?: ComponentChildren; sizes?: string }) {
  const labels = videoLabelsFor(ctx.language);
  const subtitles = live ? [] : (source.subtitles ?? []);
  const mp4 = live ? null : (source.mp4Url ?? null);
  const scriptLabels = {
    play: labels.play,
    pause: labels.pause,
    mute: labels.mute,
    unmute: labels.unmute,
    volume: labels.volume,
    seek: labels.seek,
    time: labels.time,
    subtitles: labels.subtitles,
    subtitlesOff: labels.subtitlesOff,
    fullscreen: labels.fullscreen,
    exitFullscreen: labels.exitFullscreen,
    player: labels.player(source.title),
    failed: labels.failed,
    live: labels.live,
  };
  const transcript = !live && source.transcript?.text ? source.transcript : null;
  return (
    <>
      <figure
        class={live ? 'player player--live' : 'player'}
        data-player=""
        data-hls={source.hlsUrl}
        data-hlsjs={ctx.assets.video?.hls}
        data-live={live ? '' : undefined}
        data-mp4={mp4 ?? undefined}
        data-sprite-vtt={live ? undefined : (source.spriteVttUrl ?? undefined)}
        data-title={source.title}
        data-labels={JSON.stringify(scriptLabels)}
      >
        <div class="player__stage">
          <a class="player__poster" href={mp4 ?? source.hlsUrl} type={mp4 ? 'video/mp4' : 'application/vnd.apple.mpegurl'}>
            {source.posterImage ? (
              <Picture parse={ctx.variants} link={ctx.media} memo={ctx.markup} image={source.posterImage} alt="" sizes={sizes ?? '(min-width: 52rem) 50rem, 100vw'} eager={eager} />
            ) : (
              <span class="player__blank" />
            )}
            <span class="player__play">
              <span class="player__icon" aria-hidden="true" />
              <span class="player__label">
                {live ? labels.live : labels.play}
                <span class="visually-hidden"> – {ctx.t(source.title)}</span>
              </span>
              {!live && source.durationMs ? <span class="player__duration">{clockDuration(source.durationMs)}</span> : null}
            </span>
          </a>
        </div>
        {(mp4 || subtitles.length > 0) && (
          <div class="player__files">
            {mp4 && (
              <a class="player__mp4" href={mp4} type="video/mp4">
                {labels.downloadMp4}
              </a>
            )}
            {subtitles.length > 0 && (
              <ul class="player__subtitles">
                {subtitles.map((s) => (
                  <li>
                    <a href={s.url} hreflang={s.language} type="text/vtt" data-label={s.label}>
                      {labels.subtitleFile(s.label)}
                    </a>
                  </li>
                ))}
              </ul>
            )}
          </div>
        )}
        {caption && <figcaption>{caption}</figcaption>}
      </figure>
      {transcript && (
        <details class="player__transcript">
          <summary>{labels.transcript}</summary>
          <div lang={transcript.language}>
            {transcript.text.split('\n\n').map((p) => (
              <p>{p}</p>
            ))}
          </div>
        </details>
      )}
    </>
  );
}
