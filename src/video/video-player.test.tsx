import { renderToString } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import type { Catalog } from '../content/catalog.ts';
import { editionContext } from '../render/context.ts';
import { VideoPlayer, type PlayerSource } from './video-player.tsx';
import { embedSize, videoObject, videoSocialTags, withVideoTags } from './video-structured-data.ts';
import type { VideoView } from './video-view.ts';

const edition = { code: 'fr', name: 'Dépêche', base_url: 'https://news.example', time_zone: 'Europe/Paris', is_default: 1, position: 0, language: '', dir: 'ltr', numbering: null, identity: null };
const assets = { css: '/a.css', js: '/a.js', video: { css: '/assets/video.1.css', js: '/assets/video.1.js', hls: '/assets/hls.1.js' } };
const ctx = editionContext(edition, {} as Catalog, assets, 'Dépêche');
const en = editionContext({ ...edition, code: 'en' }, {} as Catalog, assets, 'Dépêche');
const poster = { id: 9, original: 'p/original.jpg', width: 640, height: 360, alt: 'Une mire', variants: JSON.stringify([{ format: 'jpeg', width: 640, height: 360, key: 'p/640.jpg' }]) };

const view: VideoView = {
  id: 4, slug: 'journal', edition: 'fr', sectionId: 1, title: 'Le journal <de> la nuit', description: 'Les titres.', credit: 'Rédaction', copyright: null, licence: null,
  language: 'fr', durationMs: 125_000, width: 1280, height: 720,
  hlsUrl: '/media/videos/4/r/master.m3u8', mp4Url: '/media/videos/4/r/video.mp4', spriteUrl: '/media/videos/4/r/sprite.jpg', spriteVttUrl: '/media/videos/4/r/sprite.vtt',
  posterImage: poster,
  subtitles: [{ language: 'fr', label: 'Français', url: '/media/videos/4/r/fr.vtt' }, { language: 'en', label: 'English', url: '/media/videos/4/r/en.vtt' }],
  transcript: { language: 'fr', text: 'Bonsoir.\n\nÀ demain.' },
  chapters: [{ startMs: 0, title: 'Titres' }, { startMs: 60_000, title: 'Météo' }],
  published: true, publishedAt: '2026-11-20T10:00:00.000Z', createdAt: '2026-11-19T10:00:00.000Z', updatedAt: '2026-11-20T10:00:00.000Z', pageUrl: '/fr/videos/journal',
};

describe('the player markup', () => {
  it('works without JavaScript: the poster links the MP4, then the MP4 and each subtitle file, then the transcript', () => {
    const html = renderToString(<VideoPlayer ctx={ctx} source={view} />);
    expect(html).toMatch(/^<figure class="player" data-player data-hls="\/media\/videos\/4\/r\/master\.m3u8" data-hlsjs="\/assets\/hls\.1\.js" data-mp4="\/media\/videos\/4\/r\/video\.mp4" data-sprite-vtt="\/media\/videos\/4\/r\/sprite\.vtt" data-title="Le journal &lt;de> la nuit"/);
    expect(html).toContain('<a class="player__poster" href="/media/videos/4/r/video.mp4" type="video/mp4"><picture>');
    expect(html).toContain('<span class="player__label">Lire la vidéo<span class="visually-hidden"> – Le journal &lt;de> la nuit</span></span><span class="player__duration">2:05</span>');
    expect(html).toContain('<ul class="player__subtitles"><li><a href="/media/videos/4/r/fr.vtt" hreflang="fr" type="text/vtt" data-label="Français">Sous-titres : Français (WebVTT)</a></li><li><a href="/media/videos/4/r/en.vtt" hreflang="en" type="text/vtt" data-label="English">Sous-titres : English (WebVTT)</a></li></ul>');
    expect(html).toContain('</figure><details class="player__transcript"><summary>Transcription</summary><div lang="fr"><p>Bonsoir.</p><p>À demain.</p></div></details>');
    // The script's labels, in the edition's language, escaped in their attribute.
    const labels = JSON.parse(html.match(/data-labels="([^"]*)"/)![1].replace(/&quot;/g, '"').replace(/&amp;/g, '&').replace(/&lt;/g, '<'));
    expect(labels).toMatchObject({ play: 'Lire la vidéo', subtitlesOff: 'Désactivés', player: 'Lecteur vidéo : Le journal <de> la nuit' });
    expect(renderToString(<VideoPlayer ctx={en} source={view} />)).toContain('Play the video');
  });

  it('has a live variant: the stream behind the poster, no files, no transcript, no seek data', () => {
    const stream: PlayerSource = { title: 'La chaîne en direct', hlsUrl: 'https://live.example/chaine/master.m3u8' };
    const html = renderToString(<VideoPlayer ctx={ctx} source={stream} live />);
    expect(html).toContain('class="player player--live" data-player data-hls="https://live.example/chaine/master.m3u8" data-hlsjs="/assets/hls.1.js" data-live');
    expect(html).toContain('<a class="player__poster" href="https://live.example/chaine/master.m3u8" type="application/vnd.apple.mpegurl"><span class="player__blank"></span>');
    expect(html).toContain('Direct');
    expect(html).not.toContain('player__files');
    expect(html).not.toContain('player__transcript');
    expect(html).not.toContain('data-mp4');
  });
});

describe('video structured data', () => {
  it('describes a video as a VideoObject with an ISO duration, absolute files and its chapters as clips', () => {
    const o = videoObject(ctx, view, 'https://news.example/fr/videos/journal#video');
    expect(o).toMatchObject({
      '@type': 'VideoObject',
      name: 'Le journal <de> la nuit',
      description: 'Les titres.',
      thumbnailUrl: ['https://news.example/media/p/640.jpg'],
      uploadDate: '2026-11-20T10:00:00.000Z',
      duration: 'PT2M5S',
      contentUrl: 'https://news.example/media/videos/4/r/video.mp4',
      embedUrl: 'https://news.example/fr/videos/journal/embed',
      url: 'https://news.example/fr/videos/journal',
      transcript: 'Bonsoir.\n\nÀ demain.',
      creditText: 'Rédaction',
    });
    expect(o.hasPart).toEqual([
      { '@type': 'Clip', name: 'Titres', startOffset: 0, endOffset: 60, url: 'https://news.example/fr/videos/journal?t=0' },
      { '@type': 'Clip', name: 'Météo', startOffset: 60, endOffset: 125, url: 'https://news.example/fr/videos/journal?t=60' },
    ]);
    // A draft video (shown in an article) has no page to embed or link: those fields are left out.
    const draft = videoObject(ctx, { ...view, published: false, pageUrl: null, chapters: [], mp4Url: null }, 'x#v');
    expect(draft.embedUrl).toBeUndefined();
    expect(draft.url).toBeUndefined();
    expect(draft.hasPart).toBeUndefined();
    expect(draft.contentUrl).toBe('https://news.example/media/videos/4/r/master.m3u8');
  });

  it('adds og:video and X’s player card to a page’s social tags', () => {
    const tags = withVideoTags(
      [{ property: 'og:type', content: 'article' }, { property: 'og:image', content: 'i.jpg' }, { name: 'twitter:card', content: 'summary_large_image' }, { name: 'twitter:title', content: 'T' }],
      videoSocialTags(ctx, view),
    );
    expect(tags.map((t) => ('property' in t ? t.property : t.name))).toEqual([
      'og:type', 'og:image', 'og:video', 'og:video:secure_url', 'og:video:type', 'og:video:width', 'og:video:height',
      'twitter:card', 'twitter:title', 'twitter:player', 'twitter:player:width', 'twitter:player:height', 'twitter:player:stream', 'twitter:player:stream:content_type',
    ]);
    expect(tags.find((t) => 'name' in t && t.name === 'twitter:card')!.content).toBe('player');
    expect(tags.find((t) => 'name' in t && t.name === 'twitter:player:height')!.content).toBe('360');
  });

  it('sizes the embed to the video’s shape within what a consumer allows', () => {
    expect(embedSize({ width: 1280, height: 720 })).toEqual({ width: 640, height: 360 });
    expect(embedSize({ width: 1280, height: 720 }, 320)).toEqual({ width: 320, height: 180 });
    expect(embedSize({ width: 720, height: 1280 }, undefined, 400)).toEqual({ width: 225, height: 400 });
    expect(embedSize({ width: null, height: null })).toEqual({ width: 640, height: 360 });
  });
});
