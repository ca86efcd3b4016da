import { describe, expect, it } from 'vitest';
import { cuesToVtt, formatTime, parseTime, parseVtt, problemText, serialiseCues, transcriptOf } from './subtitles.ts';

const good = `WEBVTT

NOTE made for the test

1
00:00:01.000 --> 00:00:03.500
<v Anne>Bonjour à tous,</v>

00:00:03.500 --> 00:00:06.000 align:start
<i>ceci</i> est un &amp; essai.
`;

describe('parseVtt', () => {
  it('reads a valid file: cues in milliseconds, text as written', () => {
    const r = parseVtt(good);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.cues).toEqual([
      { startMs: 1000, endMs: 3500, text: '<v Anne>Bonjour à tous,</v>' },
      { startMs: 3500, endMs: 6000, text: '<i>ceci</i> est un &amp; essai.' },
    ]);
  });

  it('stores Unix line ends without a byte order mark', () => {
    const r = parseVtt('\ufeffWEBVTT\r\n\r\n00:01.000 --> 00:02.000\r\nHi\r\n');
    expect(r.ok && r.vtt).toBe('WEBVTT\n\n00:01.000 --> 00:02.000\nHi\n');
  });

  it('refuses a file without the WEBVTT line, on line 1', () => {
    const r = parseVtt('00:01.000 --> 00:02.000\nHi\n');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems[0].line).toBe(1);
    expect(problemText(r.problems[0])).toMatch(/^line 1: No valid signature/);
  });

  it('names the line of a malformed timing', () => {
    const r = parseVtt('WEBVTT\n\n00:01.000 --> 00:02.000\nOne\n\n00:03.000 --> 00:04.00\nTwo\n');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.map((p) => p.line)).toEqual([6]);
    expect(problemText(r.problems[0])).toBe('line 6: Milliseconds must be given in three digits.');
    // A timing line without its arrow reads as a cue identifier: the line after it is the one at fault.
    const arrow = parseVtt('WEBVTT\n\n00:01.000 --> 00:02.000\nOne\n\n00:03.000 -> 00:04.000\nTwo\n');
    expect(!arrow.ok && arrow.problems[0].line).toBe(7);
  });

  it('refuses an end before the start, hours of 61 minutes, and unclosed tags', () => {
    for (const [cue, line] of [
      ['00:05.000 --> 00:02.000\nx', 3],
      ['00:61:00.000 --> 01:02:00.000\nx', 3],
    ] as const) {
      const r = parseVtt(`WEBVTT\n\n${cue}\n`);
      expect(r.ok, cue).toBe(false);
      if (!r.ok) expect(r.problems[0].line).toBe(line);
    }
    const r = parseVtt('WEBVTT\n\n00:01.000 --> 00:02.000\n<b>bold\n');
    expect(r.ok).toBe(false);
  });

  it('refuses a file with no cues and one holding NUL', () => {
    expect(parseVtt('WEBVTT\n').ok).toBe(false);
    const r = parseVtt('WEBVTT\n\n00:01.000 --> 00:02.000\na\0b\n');
    expect(!r.ok && r.problems[0]).toEqual({ line: 4, message: 'the file holds a NUL character' });
  });
});

describe('times', () => {
  it('writes and reads times', () => {
    expect(formatTime(62_500)).toBe('00:01:02.500');
    expect(formatTime(3_723_004)).toBe('01:02:03.004');
    expect(parseTime('00:01:02.500')).toBe(62_500);
    expect(parseTime('01:02.5')).toBe(62_500);
    expect(parseTime('62,25')).toBe(62_250);
    expect(parseTime('1:02:03.004')).toBe(3_723_004);
    expect(parseTime('00:61:00.000')).toBeNull();
    expect(parseTime('soon')).toBeNull();
  });
});

describe('cuesToVtt', () => {
  it('writes typed cues as a file the parser reads back the same', () => {
    const cues = [
      { startMs: 0, endMs: 1581, text: 'Première ligne\nseconde ligne' },
      { startMs: 1581, endMs: 4000, text: '<i>Suite</i>' },
    ];
    const r = cuesToVtt(cues);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.vtt).toBe('WEBVTT\n\n00:00:00.000 --> 00:00:01.581\nPremière ligne\nseconde ligne\n\n00:00:01.581 --> 00:00:04.000\n<i>Suite</i>\n');
    expect(parseVtt(serialiseCues(cues))).toEqual(r);
  });

  it('names the cue at fault', () => {
    const r = cuesToVtt([
      { startMs: 0, endMs: 1000, text: 'ok' },
      { startMs: 2000, endMs: 1500, text: 'backwards' },
      { startMs: 3000, endMs: 4000, text: '' },
    ]);
    expect(!r.ok && r.problems).toEqual([
      { cue: 1, message: 'the end must come after the start' },
      { cue: 2, message: 'the text is empty' },
    ]);
    const tags = cuesToVtt([
      { startMs: 0, endMs: 1000, text: 'one\ntwo' },
      { startMs: 1000, endMs: 2000, text: '<b>never closed' },
    ]);
    expect(!tags.ok && tags.problems.map((p) => p.cue)).toEqual([1]);
  });
});

describe('transcriptOf', () => {
  it('gives the words without tags, one paragraph per speaker', () => {
    const vtt = `WEBVTT

00:00.000 --> 00:02.000
<v Anne>Bonjour, <b>ici</b> Paris.

00:02.000 --> 00:04.000
<v Anne>Il pleut &amp; il vente.

00:04.000 --> 00:06.000
<v Marc>Merci Anne.
`;
    expect(transcriptOf(vtt)).toEqual(['Bonjour, ici Paris. Il pleut & il vente.', 'Merci Anne.']);
  });

  it('drops the lines roll-up captions repeat, and breaks at a silence', () => {
    const vtt = `WEBVTT

00:00.000 --> 00:02.000
le président a dit

00:02.000 --> 00:04.000
le président a dit
que la réforme attendra

00:04.000 --> 00:06.000
que la réforme attendra
la rentrée.

00:10.000 --> 00:12.000
Autre sujet.
`;
    expect(transcriptOf(vtt)).toEqual(['le président a dit que la réforme attendra la rentrée.', 'Autre sujet.']);
  });
});
