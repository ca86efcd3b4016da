import { h } from 'preact';
import { render } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import type { User } from '../api.ts';
import type { LiveState } from '../live-api.ts';
import { LivePanel, liveFrom } from './live-panel.tsx';

const editor: User = { id: 1, name: 'Élise', role: 'editor' };
const contributor: User = { id: 2, name: 'Corentin', role: 'contributor' };
const running: LiveState = { startedAt: '2026-12-07T08:00:00.000Z', endedAt: null, openPosting: true, push: false };
const panel = (user: User, live: LiveState | null, articleId: number | null = 12) =>
  render(h(LivePanel, { live, articleId, user, timeZone: 'Europe/Paris', disabled: false, onChange: async () => true, onEnd: async () => {} }));

describe('the editor’s "Direct" panel', () => {
  it('offers an editor to make a saved article a live', () => {
    const html = panel(editor, null);
    expect(html).toContain('Passer en direct');
    expect(html).not.toContain('Ouvrir le direct');
  });

  it('offers nothing to make live before the article is saved, nor to a contributor', () => {
    expect(panel(editor, null, null)).not.toContain('Passer en direct');
    expect(panel(editor, null, null)).toContain('Enregistrez d’abord l’article.');
    expect(panel(contributor, null)).not.toContain('Passer en direct');
  });

  it('shows a running live with its start in the edition’s time zone, the desk link and the editor’s settings', () => {
    const html = panel(editor, running);
    expect(html).toContain('En direct depuis 7 déc. 2026, 09:00 (Europe/Paris)');
    expect(html).toContain('href="/admin/articles/12/direct"');
    expect(html).toContain('Publication ouverte aux contributeurs');
    expect(html).toContain('Terminer le direct');
  });

  it('gives a contributor the state and the desk link, not the settings', () => {
    const html = panel(contributor, running);
    expect(html).toContain('Ouvrir le direct');
    expect(html).not.toContain('Terminer le direct');
    expect(html).not.toContain('Publication ouverte aux contributeurs');
  });

  it('shows an ended live as ended, with a way to resume it', () => {
    const html = panel(editor, { ...running, endedAt: '2026-12-07T20:30:00.000Z' });
    expect(html).toContain('Direct terminé le 7 déc. 2026, 21:30 (Europe/Paris)');
    expect(html).toContain('Reprendre le direct');
  });

  it('reads the article’s live field, and nothing from what is not one', () => {
    expect(liveFrom({ startedAt: 'x', endedAt: null })).toEqual({ startedAt: 'x', endedAt: null, openPosting: false, push: false });
    expect(liveFrom(null)).toBeNull();
    expect(liveFrom({ endedAt: null })).toBeNull();
  });
});
