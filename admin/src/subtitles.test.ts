import { describe, expect, it } from 'vitest';
import { addRow, cuesFromRows, removeRow, rowsFromCues, splitRow, subtitleErrorLines } from './subtitles.ts';

describe('the cue editor', () => {
  const rows = rowsFromCues([
    { startMs: 0, endMs: 2000, text: 'Bonsoir à tous' },
    { startMs: 2000, endMs: 5000, text: 'voici les titres du journal' },
  ]);

  it('shows times as 00:01:02.500 and reads them back', () => {
    expect(rows[1]).toEqual({ start: '00:00:02.000', end: '00:00:05.000', text: 'voici les titres du journal' });
    expect(cuesFromRows(rows)).toEqual({
      ok: true,
      cues: [
        { startMs: 0, endMs: 2000, text: 'Bonsoir à tous' },
        { startMs: 2000, endMs: 5000, text: 'voici les titres du journal' },
      ],
    });
  });

  it('adds a cue after the last, removes one, and splits one in two', () => {
    const added = addRow(rows);
    expect(added[2]).toEqual({ start: '00:00:05.000', end: '00:00:07.000', text: '' });
    expect(removeRow(added, 0).map((r) => r.start)).toEqual(['00:00:02.000', '00:00:05.000']);
    const split = splitRow(rows, 1);
    expect(split.slice(1)).toEqual([
      { start: '00:00:02.000', end: '00:00:03.500', text: 'voici les titres' },
      { start: '00:00:03.500', end: '00:00:05.000', text: 'du journal' },
    ]);
  });

  it('says in French what is wrong with each row', () => {
    const r = cuesFromRows([
      { start: '00:00:01.000', end: '00:00:00.500', text: 'à l’envers' },
      { start: 'bientôt', end: '00:00:03.000', text: '' },
    ]);
    expect(r).toEqual({
      ok: false,
      errors: [
        { row: 0, message: 'La fin doit venir après le début.' },
        { row: 1, message: 'Début : une heure au format 00:01:02.500.' },
        { row: 1, message: 'Le texte est vide.' },
      ],
    });
  });

  it('puts the server’s errors in French with their line or cue', () => {
    expect(
      subtitleErrorLines({ issues: [{ field: 'vtt', line: 6, message: 'line 6: Milliseconds must be given in three digits.' }, { field: 'vtt', line: 9, message: 'line 9: Something new.' }] }),
    ).toEqual(['Ligne 6 : les millièmes s’écrivent avec trois chiffres.', 'Ligne 9 : Something new.']);
    expect(subtitleErrorLines({ issues: [{ field: 'cues[1]', message: 'the end must come after the start' }] })).toEqual(['Réplique 2 : la fin doit venir après le début.']);
  });
});

describe('the server’s words about videos', () => {
  it('are put in French, with the video and its language', async () => {
    const { issueText } = await import('./article-draft.ts');
    expect(issueText({ field: 'lead.video', message: 'video 12 has no subtitles in its language (fr), which accessibility requires; add them, or publish anyway with a reason (overrides.subtitles)' })).toBe(
      'Photo principale, vidéo : la vidéo n° 12 n’a pas de sous-titres dans sa langue (fr), ce qu’exige l’accessibilité : ajoutez-les, ou publiez sans en donnant la raison.',
    );
    expect(issueText({ field: 'body[2].video', message: 'video 3 is not ready yet (transcoding); publish once it is transcoded' })).toBe(
      'Bloc 3, vidéo : la vidéo n° 3 n’est pas encore prête (transcodage en cours) : publiez une fois le transcodage terminé.',
    );
  });
});
