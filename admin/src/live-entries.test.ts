import { describe, expect, it } from 'vitest';
import { liveLabels } from './i18n-live.ts';
import { conflictEntry } from './live-api.ts';
import type { LiveEntry } from './live-api.ts';
import {
  appendOlder,
  composerFromEntry,
  composerInput,
  conflictChoice,
  dropEntry,
  emptyComposer,
  emptyList,
  entrySummary,
  isPostShortcut,
  keepSigners,
  mergePoll,
  paragraphs,
  putEntry,
  showIncoming,
  type DeskList,
} from './live-entries.ts';

const fr = liveLabels('fr');
const words = fr.composer.issues;

let seq = 0;
function entry(id: number, minute: number, over: Partial<LiveEntry> = {}): LiveEntry {
  return {
    id,
    articleId: 1,
    url: `https://news.example/fr/monde/direct/entree/${id}`,
    status: 'published',
    postedAt: `2026-12-07T10:${String(minute).padStart(2, '0')}:00.000Z`,
    title: null,
    author: null,
    source: null,
    body: [{ type: 'paragraph', text: `entrée ${id} (${++seq})` }],
    pinned: false,
    keyPoint: false,
    correction: null,
    version: 1,
    articleDraftId: null,
    ingestItemId: null,
    createdAt: '2026-12-07T10:00:00.000Z',
    updatedAt: null,
    postedBy: 'Corentin',
    ...over,
  };
}
const ids = (l: { entries: LiveEntry[] } | LiveEntry[]) => (Array.isArray(l) ? l : l.entries).map((e) => e.id);

describe('the composer’s text becomes paragraphs', () => {
  it('splits on blank lines and joins the lines of one paragraph with a space', () => {
    expect(paragraphs('Premier point\nsuite\n\n  \nSecond point\r\n\r\nTroisième')).toEqual(['Premier point suite', 'Second point', 'Troisième']);
  });
  it('gives nothing for blank text', () => {
    expect(paragraphs(' \n\n \t')).toEqual([]);
  });
});

describe('composer → entry blocks', () => {
  it('sends the paragraphs, then the quote with speaker and role, the photo and the embed', () => {
    const s = {
      ...emptyComposer(),
      title: '  Le sommet s’ouvre ',
      text: 'Les délégations arrivent.\n\nLa séance commence à 10 h.',
      keyPoint: true,
      quote: { text: ' Nous sommes prêts ', name: 'Ana Ruiz', role: 'ministre' },
      figure: { image: 42, alt: 'La salle plénière', caption: 'Ouverture', credit: '', url: '/m/42.jpg' },
      embed: { url: 'https://social.example/@ana/1', title: '' },
    };
    const { input, issues } = composerInput(s, 'published', words);
    expect(issues).toEqual([]);
    expect(input).toEqual({
      status: 'published',
      title: 'Le sommet s’ouvre',
      pinned: false,
      keyPoint: true,
      body: [
        { type: 'paragraph', text: 'Les délégations arrivent.' },
        { type: 'paragraph', text: 'La séance commence à 10 h.' },
        { type: 'quote', text: 'Nous sommes prêts', speaker: { name: 'Ana Ruiz', role: 'ministre' } },
        { type: 'figure', image: 42, alt: 'La salle plénière', caption: 'Ouverture' },
        { type: 'embed', url: 'https://social.example/@ana/1' },
      ],
    });
  });

  it('sends a contributor’s entry as a draft when the button says so', () => {
    expect(composerInput({ ...emptyComposer(), text: 'x' }, 'draft', words).input?.status).toBe('draft');
  });

  it('refuses an empty entry, naming the text field in French', () => {
    expect(composerInput(emptyComposer(), 'published', words)).toEqual({ input: null, issues: [{ field: 'text', message: fr.composer.issues.empty }] });
  });

  it('names each missing part of a quote, a photo without alt text and an embed that is not a web address', () => {
    const s = { ...emptyComposer(), text: 'x', quote: { text: '', name: ' ', role: 'porte-parole' }, figure: { image: 3, alt: ' ', caption: '', credit: '' }, embed: { url: 'javascript:alert(1)', title: '' } };
    expect(composerInput(s, 'published', words).issues.map((i) => i.field)).toEqual(['quote.text', 'quote.name', 'figure.alt', 'embed.url']);
  });

  it('keeps hostile text as text: what is typed is sent as typed, never as markup', () => {
    const hostile = '<script>alert(1)</script> "onmouseover=x';
    const { input } = composerInput({ ...emptyComposer(), title: hostile, text: hostile }, 'published', words);
    expect(input?.title).toBe(hostile);
    expect(input?.body).toEqual([{ type: 'paragraph', text: hostile }]);
  });

  it('sends the correction note only when one is written', () => {
    expect(composerInput({ ...emptyComposer(), text: 'x', correction: '  ' }, 'published', words).input).not.toHaveProperty('correction');
    expect(composerInput({ ...emptyComposer(), text: 'x', correction: 'Le chiffre était faux.' }, 'published', words).input?.correction).toBe('Le chiffre était faux.');
  });
});

describe('an entry back in the composer (editing in place)', () => {
  it('round-trips an entry the composer made', () => {
    const body = [
      { type: 'paragraph' as const, text: 'Un' },
      { type: 'paragraph' as const, text: 'Deux' },
      { type: 'quote' as const, text: 'Q', speaker: { name: 'N', role: 'R' } },
      { type: 'figure' as const, image: 5, alt: 'A', credit: 'AFP' },
      { type: 'embed' as const, url: 'https://e.example/1', title: 'T' },
    ];
    const s = composerFromEntry({ title: 'Titre', body, pinned: true, keyPoint: false, correction: null });
    expect(s.text).toBe('Un\n\nDeux');
    expect(composerInput(s, 'published', words).input).toEqual({ status: 'published', title: 'Titre', body, pinned: true, keyPoint: false });
  });

  it('keeps what it has no field for (a list, a formatted paragraph, a second photo) and sends it back unchanged', () => {
    const formatted = { type: 'paragraph' as const, content: [{ text: 'gras', bold: true }] };
    const list = { type: 'list' as const, items: ['a', 'b'] };
    const second = { type: 'figure' as const, image: 9, alt: 'B' };
    const s = composerFromEntry({ title: null, body: [{ type: 'paragraph', text: 'Texte' }, formatted, list, { type: 'figure', image: 8, alt: 'A' }, second], pinned: false, keyPoint: false, correction: null });
    expect(s.kept).toEqual([formatted, list, second]);
    expect(composerInput(s, 'published', words).input?.body).toEqual([{ type: 'paragraph', text: 'Texte' }, formatted, list, { type: 'figure', image: 8, alt: 'A' }, second]);
  });

  it('keeps every block of a mixed entry in its place, unchanged or edited', () => {
    const body = [
      { type: 'paragraph' as const, text: 'Premier' },
      { type: 'figure' as const, image: 4, alt: 'La place', caption: 'La foule', credit: 'AFP' },
      { type: 'paragraph' as const, text: 'Deuxième' },
      { type: 'quote' as const, text: 'Nous restons', speaker: { name: 'Mme Dupont' } },
      { type: 'list' as const, items: ['un', 'deux'] },
      { type: 'embed' as const, url: 'https://video.example/1' },
      { type: 'paragraph' as const, text: 'Dernier' },
    ];
    const s = composerFromEntry({ title: null, body, pinned: false, keyPoint: false, correction: null });
    expect(s.text).toBe('Premier');
    // Saved as it is: the very same blocks, in the very same order.
    expect(composerInput(s, 'published', words).input?.body).toEqual(body);
    // Changed: the text, the caption and the quote change where they stand; nothing moves.
    const changed = composerInput({ ...s, text: 'Premier, corrigé', figure: { ...s.figure!, caption: 'La foule, le soir' }, quote: { ...s.quote!, text: 'Nous partons' } }, 'published', words).input?.body;
    expect(changed).toEqual([
      { type: 'paragraph', text: 'Premier, corrigé' },
      { ...body[1], caption: 'La foule, le soir' },
      body[2],
      { type: 'quote', text: 'Nous partons', speaker: { name: 'Mme Dupont' } },
      body[4],
      body[5],
      body[6],
    ]);
    // The photo removed: only it goes; added again, the new one takes its place.
    expect(composerInput({ ...s, figure: null }, 'published', words).input?.body).toEqual(body.filter((_, i) => i !== 1));
    const other = composerInput({ ...s, figure: { image: 7, alt: 'Autre', caption: '', credit: '' } }, 'published', words).input?.body;
    expect(other?.map((b) => b.type)).toEqual(body.map((b) => b.type));
    expect(other?.[1]).toEqual({ type: 'figure', image: 7, alt: 'Autre' });
  });

  it('an entry that opens with a photo keeps it first; text added while editing comes before, like a new entry', () => {
    const body = [
      { type: 'figure' as const, image: 4, alt: 'A' },
      { type: 'paragraph' as const, text: 'Légende longue' },
    ];
    const s = composerFromEntry({ title: null, body, pinned: false, keyPoint: false, correction: null });
    expect(composerInput(s, 'published', words).input?.body).toEqual(body);
    expect(composerInput({ ...s, text: 'Légende plus longue' }, 'published', words).input?.body).toEqual([body[0], { type: 'paragraph', text: 'Légende plus longue' }]);
    const fresh = composerFromEntry({ title: null, body: [{ type: 'figure', image: 4, alt: 'A' }], pinned: false, keyPoint: false, correction: null });
    expect(composerInput({ ...fresh, text: 'Ajout' }, 'published', words).input?.body).toEqual([{ type: 'paragraph', text: 'Ajout' }, { type: 'figure', image: 4, alt: 'A' }]);
  });
});

describe('the post shortcut', () => {
  it('posts on Ctrl+Enter and on ⌘+Enter', () => {
    expect(isPostShortcut({ key: 'Enter', ctrlKey: true })).toBe(true);
    expect(isPostShortcut({ key: 'Enter', metaKey: true })).toBe(true);
    expect(isPostShortcut({ key: 'Enter', ctrlKey: true, shiftKey: true })).toBe(true);
  });
  it('leaves plain Enter, Alt+Ctrl+Enter, other keys and an IME composition alone', () => {
    expect(isPostShortcut({ key: 'Enter' })).toBe(false);
    expect(isPostShortcut({ key: 'Enter', shiftKey: true })).toBe(false);
    expect(isPostShortcut({ key: 'Enter', ctrlKey: true, altKey: true })).toBe(false);
    expect(isPostShortcut({ key: 's', ctrlKey: true })).toBe(false);
    expect(isPostShortcut({ key: 'Enter', ctrlKey: true, isComposing: true })).toBe(false);
  });
});

describe('a poll joined to the list without moving the user’s place', () => {
  const start: DeskList = { entries: [entry(3, 30), entry(2, 20), entry(1, 10)], incoming: [], hasMore: false };

  it('holds others’ new entries apart while the user reads further down, then shows them on request', () => {
    const polled = { entries: [entry(5, 50), entry(4, 40), ...start.entries], hasMore: false };
    const l = mergePoll(start, polled, { atTop: false });
    expect(ids(l)).toEqual([3, 2, 1]);
    expect(ids(l.incoming)).toEqual([5, 4]);
    const shown = showIncoming(l);
    expect(ids(shown)).toEqual([5, 4, 3, 2, 1]);
    expect(shown.incoming).toEqual([]);
  });

  it('shows new entries at once when the user is at the top', () => {
    const l = mergePoll(start, { entries: [entry(4, 40), ...start.entries], hasMore: false }, { atTop: true });
    expect(ids(l)).toEqual([4, 3, 2, 1]);
    expect(l.incoming).toEqual([]);
  });

  it('replaces an edited entry where it stands and never takes back a newer version with an older one', () => {
    const edited = entry(2, 20, { version: 3, title: 'Corrigée' });
    let l = mergePoll(start, { entries: [start.entries[0], edited, start.entries[2]], hasMore: false }, { atTop: false });
    expect(ids(l)).toEqual([3, 2, 1]);
    expect(l.entries[1].title).toBe('Corrigée');
    l = mergePoll(l, { entries: start.entries, hasMore: false }, { atTop: false });
    expect(l.entries[1].version).toBe(3);
  });

  it('removes an entry deleted on the server from the polled window, but keeps older loaded entries below it', () => {
    const long: DeskList = { entries: [entry(6, 50), entry(5, 40), entry(4, 30), entry(2, 10), entry(1, 5)], incoming: [], hasMore: false };
    // The poll reads the 3 newest: 4 is gone; 6, 5 and 3 (older than 4? no: 3 at minute 20) remain.
    const l = mergePoll(long, { entries: [entry(6, 50), entry(5, 40), entry(3, 20)], hasMore: true }, { atTop: false });
    expect(ids(l)).toEqual([6, 5, 2, 1]);
    expect(ids(l.incoming)).toEqual([3]);
  });

  it('takes a held entry back out when it is deleted before being shown', () => {
    const held = mergePoll(start, { entries: [entry(4, 40), ...start.entries], hasMore: false }, { atTop: false });
    expect(ids(mergePoll(held, { entries: start.entries, hasMore: false }, { atTop: false }).incoming)).toEqual([]);
  });

  it('shows the user’s own post at once even when reading further down', () => {
    const held = mergePoll(start, { entries: [entry(4, 40), ...start.entries], hasMore: false }, { atTop: false });
    const mine = putEntry(held, entry(5, 45));
    expect(ids(mine)).toEqual([5, 3, 2, 1]);
    expect(ids(mine.incoming)).toEqual([4]);
    // Posted, then seen by the poll: not twice.
    expect(ids(mergePoll(mine, { entries: [entry(5, 45), entry(4, 40), ...start.entries], hasMore: false }, { atTop: false }))).toEqual([5, 3, 2, 1]);
  });

  it('joins older pages below and forgets deleted entries', () => {
    const page1: DeskList = { ...emptyList(), entries: [entry(3, 30), entry(2, 20)], hasMore: true };
    const l = appendOlder(page1, { entries: [entry(2, 20), entry(1, 10)], hasMore: false });
    expect(ids(l)).toEqual([3, 2, 1]);
    expect(l.hasMore).toBe(false);
    expect(ids(dropEntry(l, 2))).toEqual([3, 1]);
  });
});

describe('a 412 on an entry', () => {
  const theirs = entry(7, 30, { version: 4, title: 'Leur titre', body: [{ type: 'paragraph', text: 'Leur texte' }] });

  it('reads the other version from the answer, in any of the shapes the contract allows', () => {
    expect(conflictEntry({ current: theirs })?.version).toBe(4);
    expect(conflictEntry({ current: { entry: theirs } })?.version).toBe(4);
    expect(conflictEntry({ entry: theirs })?.version).toBe(4);
    expect(conflictEntry({ code: 'precondition_failed' })).toBeNull();
  });

  it('offers their version in the form, or the overwrite of their version with mine', () => {
    const c = conflictChoice(theirs);
    expect(c.overwriteVersion).toBe(4);
    expect(c.theirForm.title).toBe('Leur titre');
    expect(c.theirForm.text).toBe('Leur texte');
  });

  it('summarises an entry in one line for the panel', () => {
    expect(entrySummary(theirs)).toBe('Leur titre — Leur texte');
    expect(entrySummary({ title: null, body: [{ type: 'paragraph', text: 'x'.repeat(200) }] }, 10)).toBe(`${'x'.repeat(9)}…`);
  });
});

describe('the desk’s words', () => {
  it('has the same labels in French and English, and falls back to French', () => {
    const en = liveLabels('en-GB');
    expect(en.composer.publish).toBe('Publish');
    expect(liveLabels('de').composer.publish).toBe('Publier');
    const keys = (o: object, p = ''): string[] => Object.entries(o).flatMap(([k, v]) => (v && typeof v === 'object' ? keys(v, `${p}${k}.`) : [`${p}${k}`]));
    expect(keys(en)).toEqual(keys(fr));
  });
  it('gives times with their time zone', () => {
    expect(fr.formatTime('2026-12-07T13:05:00Z', 'Europe/Paris')).toBe('14:05 (Europe/Paris)');
    expect(liveLabels('en').formatTime('2026-12-07T13:05:00Z', 'America/New_York')).toBe('08:05 (America/New_York)');
    expect(fr.entries.incoming(3)).toBe('3 nouvelles entrées');
  });
});

describe('a change keeps who signed the entry', () => {
  it('sends the author and the wire source back, since a PUT replaces the entry', () => {
    const input = { status: 'published' as const, body: [{ type: 'paragraph' as const, text: 'x' }] };
    expect(keepSigners({ author: 'Inès Faure', source: null }, input)).toEqual({ ...input, author: 'Inès Faure' });
    expect(keepSigners({ author: null, source: { name: 'Agence Lémanique', url: 'https://alm.example/1' } }, input)).toEqual({ ...input, source: { name: 'Agence Lémanique', url: 'https://alm.example/1' } });
    expect(keepSigners({ author: null, source: null }, input)).toEqual(input);
  });
});
