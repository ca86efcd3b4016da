import { describe, expect, it } from 'vitest';
import { actionsFor, canMove, canPublish, localToIso, overridableOnly } from './transitions.tsx';

describe('publishing without subtitles', () => {
  it('is offered only when every problem of the refusal is a missing subtitles one', () => {
    const subtitles = { field: 'lead.video', message: 'no subtitles', override: 'subtitles' };
    expect(overridableOnly([subtitles, { ...subtitles, field: 'body[2].video' }])).toBe('subtitles');
    expect(overridableOnly([subtitles, { field: 'body[2].video', message: 'not ready yet' }])).toBeNull();
    expect(overridableOnly([{ field: 'lead.alt', message: 'every picture needs alt text' }])).toBeNull();
    expect(overridableOnly([])).toBeNull();
  });
});

describe('scheduling time', () => {
  it('reads the typed time in the edition time zone, whatever the browser', () => {
    expect(localToIso('2026-11-25T12:00', 'Europe/Paris')).toBe('2026-11-25T11:00:00.000Z');
    expect(localToIso('2026-07-01T12:00', 'Europe/Paris')).toBe('2026-07-01T10:00:00.000Z');
    expect(localToIso('2026-11-25T12:00', 'America/New_York')).toBe('2026-11-25T17:00:00.000Z');
    expect(localToIso('nonsense', 'Europe/Paris')).toBeNull();
  });
});

describe('workflow buttons', () => {
  const contributor = { id: 5, name: 'C', role: 'contributor' as const };
  it('offers "submit for review" to a contributor on their own draft only', () => {
    const own = actionsFor('draft', canPublish(contributor, 5), canMove(contributor, 5));
    expect(own.actions.map((a) => a.to)).toEqual(['in_review']);
    const theirs = actionsFor('draft', canPublish(contributor, 9), canMove(contributor, 9));
    expect(theirs).toEqual({ actions: [], schedule: false });
    expect(actionsFor('in_review', false, canMove(contributor, 9)).actions).toEqual([]);
  });

  it('keeps every move for an editor, whoever owns the article', () => {
    const editor = { id: 1, name: 'E', role: 'editor' as const };
    expect(actionsFor('draft', canPublish(editor, 9), canMove(editor, 9)).actions.map((a) => a.to)).toEqual(['in_review', 'published']);
  });
});
