import { describe, expect, it } from 'vitest';
import { sameLanguage, videoProblems, type VideoCheck } from './video-checks.ts';
import { videoMentions } from './video-refs.ts';

describe('videos named by an article', () => {
  it('names each by its field, lead first', () => {
    const a = { lead: { video: 4, alt: 'Journal' }, body: [{ type: 'paragraph', text: 'x' }, { type: 'video', video: 9 }, { type: 'figure', imageId: 3 }] };
    expect(videoMentions(a)).toEqual([
      { field: 'lead.video', video: 4 },
      { field: 'body[1].video', video: 9 },
    ]);
    expect(videoMentions({ lead: { imageId: 2, alt: 'photo' }, body: [] }, 'a.json: ')).toEqual([]);
    expect(videoMentions({ body: [{ type: 'video', video: 1 }] }, 'entries[0].')).toEqual([{ field: 'entries[0].body[0].video', video: 1 }]);
  });
});

describe('the publishing checks of videos', () => {
  const video = (o: Partial<VideoCheck>): VideoCheck => ({ id: 1, state: 'ready', error: null, language: 'fr', subtitles: ['fr'], ...o });

  it('reads a language and its regional forms as one', () => {
    expect(sameLanguage('fr', 'fr-CA')).toBe(true);
    expect(sameLanguage('pt-BR', 'PT')).toBe(true);
    expect(sameLanguage('fr', 'en')).toBe(false);
  });

  it('passes a ready video subtitled in its language', () => {
    expect(videoProblems({ lead: { video: 1 }, body: [] }, new Map([[1, video({})]]))).toEqual([]);
    expect(videoProblems({ lead: null, body: [{ type: 'video', video: 1 }] }, new Map([[1, video({ language: 'fr-CA', subtitles: ['en', 'fr'] })]]))).toEqual([]);
  });

  it('blocks a video not ready or failed, and flags one without subtitles in its language as overridable', () => {
    const videos = new Map([
      [1, video({ state: 'transcoding' })],
      [2, video({ id: 2, state: 'failed', error: 'no video stream' })],
      [3, video({ id: 3, subtitles: ['en'] })],
    ]);
    const problems = videoProblems({ lead: { video: 1 }, body: [{ type: 'video', video: 2 }, { type: 'video', video: 3 }, { type: 'video', video: 4 }] }, videos);
    expect(problems.map((p) => [p.field, p.override ?? null])).toEqual([
      ['lead.video', null],
      ['body[0].video', null],
      ['body[1].video', 'subtitles'],
      ['body[2].video', null],
    ]);
    expect(problems[1].message).toBe('video 2 failed to transcode: no video stream; retry it or choose another');
    expect(problems[3].message).toBe('video 4 is no longer in the library');
  });
});
