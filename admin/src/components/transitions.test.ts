import { describe, expect, it } from 'vitest';
import { actionsFor, canMove, canPublish, localToIso } from './transitions.tsx';

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
