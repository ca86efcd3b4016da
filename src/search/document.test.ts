import { describe, expect, it } from 'vitest';
import { buildDocument, columnText, facet, kindOf, weightedFields, type ArticleSource } from './document.ts';
import { firstKeyAt, keySeconds, lastKeyAt, timeKey } from './time-key.ts';

const base: ArticleSource = {
  id: 7,
  edition: 'fr',
  status: 'published',
  section_id: 3,
  owner_id: 12,
  headline: 'Les négociations reprennent',
  standfirst: "L'armée se retire.",
  body: JSON.stringify([
    { type: 'paragraph', text: 'Un chantier de paix.' },
    { type: 'quote', text: 'Nous signerons.', speaker: { name: 'Martine Aubry', role: 'maire' } },
    { type: 'figure', imageId: 1, alt: 'x', caption: 'Le port au matin', credit: 'Photo Agence' },
  ]),
  lead: null,
  seo_title: 'Accord de paix',
  seo_description: null,
  source_name: null,
  published_at: '2026-11-20T09:30:00.000Z',
  scheduled_at: null,
  created_at: '2026-11-19T09:30:00.000Z',
  tags: [{ id: 4, name: 'Diplomatie' }],
  people: [{ id: 5, name: 'Martine Aubry' }],
  authors: [{ id: 6, name: 'Léa Vasseur' }],
  adopted: false,
};

describe('search documents', () => {
  it('puts the headline in the title column, standfirst, SEO and names in the lead, body, quotes, speakers and captions in the body, all analysed', () => {
    const d = buildDocument(base);
    expect(columnText(d, 'title')).toBe('negoci reprennent');
    expect(columnText(d, 'lead').split(' ')).toEqual(expect.arrayContaining(['arme', 'retir', 'accord', 'paix', 'diplomat', 'martin', 'aubry', 'le', 'vasseur']));
    expect(columnText(d, 'body').split(' ')).toEqual(expect.arrayContaining(['chanti', 'paix', 'sign', 'mair', 'port', 'matin', 'agenc']));
    expect(columnText(d, 'body')).not.toMatch(/negoci/);
  });

  it('writes facets for edition, status, section, kind, owner, tags, people and authors, letters and digits only', () => {
    expect(buildDocument(base).facets).toEqual(['zedfr', 'zstpublished', 'zsec3', 'zkindarticle', 'zown12', 'ztag4', 'zper5', 'zaut6']);
    expect(facet('st', 'in_review')).toBe('zstinreview');
    expect(facet('ed', 'pt-BR')).toBe('zedptbr');
    expect(buildDocument({ ...base, owner_id: null }).facets).not.toContain('zown');
  });

  it('keys a document by publication time, else the scheduled time, else creation', () => {
    expect(buildDocument(base).time).toBe('2026-11-20T09:30:00.000Z');
    expect(buildDocument({ ...base, published_at: null, scheduled_at: '2026-12-01T00:00:00.000Z' }).time).toBe('2026-12-01T00:00:00.000Z');
    expect(buildDocument({ ...base, published_at: null }).time).toBe('2026-11-19T09:30:00.000Z');
  });

  it('calls an adopted wire item or bylineless sourced copy wire, and anything with a video player video', () => {
    expect(kindOf({ ...base, adopted: true }, { video: false })).toBe('wire');
    expect(kindOf({ ...base, authors: [], source_name: 'Agence Exemple Presse' }, { video: false })).toBe('wire');
    expect(kindOf({ ...base, source_name: 'Agence Exemple Presse' }, { video: false })).toBe('article');
    expect(kindOf({ ...base, adopted: true }, { video: true })).toBe('video');
    const video = buildDocument({ ...base, body: JSON.stringify([{ type: 'embed', url: 'https://vimeo.com/76979871' }]) });
    expect(video.kind).toBe('video');
    expect(video.facets).toContain('zkindvideo');
  });

  it('gives PostgreSQL weighted fields: A for the title, B for the lead, C for the body, D for facets', () => {
    const fields = weightedFields(buildDocument(base));
    expect(fields[0]).toEqual({ weight: 'A', terms: [{ term: 'negoci', position: 1 }, { term: 'reprennent', position: 2 }] });
    expect(new Set(fields.map((f) => f.weight))).toEqual(new Set(['A', 'B', 'C', 'D']));
    expect(fields[fields.length - 1]!.terms.map((t) => t.term)).toContain('zedfr');
  });

  it('reads a damaged body as empty rather than failing the write', () => {
    expect(columnText(buildDocument({ ...base, body: '{not json' }), 'body')).toBe('');
  });
});

describe('time keys', () => {
  it('order articles by time, newest highest, and bound a second from both sides', () => {
    const a = timeKey('2026-11-20T09:30:00.000Z', 5);
    const b = timeKey('2026-11-20T09:30:01.000Z', 4);
    expect(b).toBeGreaterThan(a);
    expect(firstKeyAt('2026-11-20T09:30:00.900Z')).toBeLessThanOrEqual(a);
    expect(lastKeyAt('2026-11-20T09:30:00.000Z')).toBeGreaterThanOrEqual(a);
    expect(lastKeyAt('2026-11-20T09:30:00.000Z')).toBeLessThan(b);
    expect(keySeconds(a)).toBe(Date.parse('2026-11-20T09:30:00.000Z') / 1000);
    expect(Number.isSafeInteger(timeKey('2200-01-01T00:00:00Z', 2 ** 31))).toBe(true);
  });
});
