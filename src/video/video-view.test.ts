import { describe, expect, it } from 'vitest';
import { transcriptText } from './subtitles.ts';
import { clockDuration, isoDuration, parseChapters, videoIdsOf } from './video-view.ts';

describe('video view helpers', () => {
  it('writes durations as ISO 8601, as schema.org and sitemaps read them', () => {
    expect(isoDuration(0)).toBe('PT0S');
    expect(isoDuration(4000)).toBe('PT4S');
    expect(isoDuration(4400)).toBe('PT4S');
    expect(isoDuration(4600)).toBe('PT5S');
    expect(isoDuration(60_000)).toBe('PT1M');
    expect(isoDuration(65_000)).toBe('PT1M5S');
    expect(isoDuration(3_600_000)).toBe('PT1H');
    expect(isoDuration(3_723_000)).toBe('PT1H2M3S');
    expect(isoDuration(3_603_000)).toBe('PT1H3S');
    expect(isoDuration(-5)).toBe('PT0S');
  });

  it('writes durations as readers read them', () => {
    expect(clockDuration(4000)).toBe('0:04');
    expect(clockDuration(65_999)).toBe('1:05');
    expect(clockDuration(3_723_000)).toBe('1:02:03');
  });

  it('makes the transcript from the cues: text only, sentences run on, a paragraph after a pause of two seconds', () => {
    const vtt = [
      'WEBVTT - journal',
      '',
      'NOTE relu par la rédaction',
      '',
      'STYLE',
      '::cue { color: yellow }',
      '',
      'intro',
      '00:00.000 --> 00:01.000 align:start',
      '<v Présentatrice>Bonsoir</v> à toutes',
      'et à tous.',
      '',
      '00:01.000 --> 00:02.000',
      '<i>Les titres</i> &amp; la météo&nbsp;: &lt;direct&gt;',
      '',
      '00:00:04.000 --> 00:00:05.000',
      'Après la pause.',
      '',
    ].join('\r\n');
    expect(transcriptText(vtt)).toBe('Bonsoir à toutes et à tous. Les titres & la météo\u00a0: <direct>\n\nAprès la pause.');
    expect(transcriptText('WEBVTT\n')).toBe('');
  });

  it('reads chapters sorted by time, leaving out malformed ones', () => {
    expect(parseChapters(JSON.stringify([{ startMs: 5000, title: ' Deux ' }, { startMs: 0, title: 'Un' }, { startMs: -1, title: 'x' }, { startMs: 3, title: '' }, null, { title: 'sans temps' }]))).toEqual([
      { startMs: 0, title: 'Un' },
      { startMs: 5000, title: 'Deux' },
    ]);
    expect(parseChapters('not json')).toEqual([]);
    expect(parseChapters('{"startMs":1}')).toEqual([]);
  });

  it('finds the videos an article shows: its lead’s, then its blocks’, once each', () => {
    expect(videoIdsOf({ lead: { video: 3, alt: '' }, body: [{ type: 'paragraph' }, { type: 'video', video: 5 } as never, { type: 'video', video: 3 } as never] })).toEqual([3, 5]);
    expect(videoIdsOf({ lead: { imageId: 1, alt: '' }, body: [] })).toEqual([]);
    expect(videoIdsOf({ lead: null })).toEqual([]);
  });
});
