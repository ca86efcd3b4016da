import { describe, expect, it } from 'vitest';
import { parseEmbed, type StoredBlock } from '../content/blocks.ts';
import { embedUrlOf, providerThumbnail, videoObjectsOf, type VideoDefaults } from './structured-data.ts';

const defaults: VideoDefaults = {
  pageUrl: 'https://news.example/fr/tv/debat',
  name: 'Le débat',
  description: 'Deux diplomates débattent.',
  image: 'https://news.example/media/1/social.jpg',
  uploadDate: '2026-11-20T09:30:00.000Z',
};
const upper = (s: string) => s.toUpperCase();

describe('VideoObjects for embedded videos', () => {
  it('gives each provider its player without autoplay', () => {
    expect(embedUrlOf(parseEmbed('https://youtu.be/abcdefghijk')!)).toBe('https://www.youtube-nocookie.com/embed/abcdefghijk');
    expect(embedUrlOf(parseEmbed('https://vimeo.com/76979871')!)).toBe('https://player.vimeo.com/video/76979871?dnt=1');
    expect(embedUrlOf(parseEmbed('https://www.dailymotion.com/video/x8abc12')!)).toBe('https://www.dailymotion.com/embed/video/x8abc12');
  });

  it('derives the YouTube and Dailymotion stills from the id, and has none for Vimeo', () => {
    expect(providerThumbnail(parseEmbed('https://www.youtube.com/watch?v=abcdefghijk')!)).toBe('https://i.ytimg.com/vi/abcdefghijk/hqdefault.jpg');
    expect(providerThumbnail(parseEmbed('https://www.dailymotion.com/video/x8abc12')!)).toBe('https://www.dailymotion.com/thumbnail/video/x8abc12');
    expect(providerThumbnail(parseEmbed('https://vimeo.com/76979871')!)).toBeUndefined();
  });

  it('takes name and description from the embed, passed through the typography', () => {
    const body: StoredBlock[] = [{ type: 'embed', url: 'https://youtu.be/abcdefghijk', title: 'Extrait', caption: 'Le passage clé' }];
    expect(videoObjectsOf(body, defaults, upper)).toEqual([
      {
        '@context': 'https://schema.org',
        '@type': 'VideoObject',
        '@id': 'https://news.example/fr/tv/debat#video-1',
        name: 'EXTRAIT',
        description: 'LE PASSAGE CLÉ',
        thumbnailUrl: 'https://i.ytimg.com/vi/abcdefghijk/hqdefault.jpg',
        uploadDate: '2026-11-20T09:30:00.000Z',
        embedUrl: 'https://www.youtube-nocookie.com/embed/abcdefghijk',
        url: 'https://www.youtube.com/watch?v=abcdefghijk',
      },
    ]);
  });

  it('falls back on the article for name, description and, for Vimeo, the picture', () => {
    const [video] = videoObjectsOf([{ type: 'embed', url: 'https://vimeo.com/76979871' }], defaults, upper);
    expect(video).toMatchObject({ name: 'Le débat', description: 'Deux diplomates débattent.', thumbnailUrl: 'https://news.example/media/1/social.jpg' });
  });

  it('lists each video once, in body order, skipping other blocks', () => {
    const body: StoredBlock[] = [
      { type: 'embed', url: 'https://www.dailymotion.com/video/x8abc12' },
      { type: 'paragraph', text: 'Entre les deux.' },
      { type: 'embed', url: 'https://youtu.be/abcdefghijk' },
      { type: 'embed', url: 'https://www.youtube.com/watch?v=abcdefghijk', title: 'Encore' },
    ];
    const videos = videoObjectsOf(body, defaults, upper);
    expect(videos.map((v) => [v['@id'], v.url])).toEqual([
      ['https://news.example/fr/tv/debat#video-1', 'https://www.dailymotion.com/video/x8abc12'],
      ['https://news.example/fr/tv/debat#video-2', 'https://www.youtube.com/watch?v=abcdefghijk'],
    ]);
    expect(videoObjectsOf([{ type: 'paragraph', text: 'Rien à voir.' }], defaults, upper)).toEqual([]);
  });
});
