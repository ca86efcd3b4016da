import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { episodeNumbers, parseXmltv, xmltvText, xmltvTime, XmltvRefused } from './xmltv.ts';

const doc = (body: string) => `<?xml version="1.0" encoding="UTF-8"?>\n<tv generator-info-name="test">\n${body}\n</tv>`;

describe('xmltvTime', () => {
  it('reads the offset and answers UTC', () => {
    expect(xmltvTime('20261025013000 +0200')).toBe('2026-10-24T23:30:00.000Z');
    expect(xmltvTime('20261025023000 +0100')).toBe('2026-10-25T01:30:00.000Z');
    expect(xmltvTime('20260329013000 -0430')).toBe('2026-03-29T06:00:00.000Z');
    expect(xmltvTime('20261025013000 +02:00')).toBe('2026-10-24T23:30:00.000Z');
  });

  it('takes a time without an offset as UTC, and accepts minutes without seconds', () => {
    expect(xmltvTime('20261025013000')).toBe('2026-10-25T01:30:00.000Z');
    expect(xmltvTime('202610250130 +0000')).toBe('2026-10-25T01:30:00.000Z');
    expect(xmltvTime('20261025')).toBe('2026-10-25T00:00:00.000Z');
  });

  it('refuses what is not a time', () => {
    for (const bad of ['', 'yesterday', '20261325013000 +0200', '20260231120000 +0000', '20261025253000 +0200', '20261025013000 +2500', '2026-10-25T01:30:00Z', '99991025013000 +0000'])
      expect(xmltvTime(bad), bad).toBeNull();
  });
});

describe('episodeNumbers', () => {
  it('reads xmltv_ns (zero-based, with totals) before onscreen numbers', () => {
    expect(episodeNumbers([{ '@_system': 'onscreen', '#text': 'S09E09' }, { '@_system': 'xmltv_ns', '#text': '1 . 4/12 . 0/1' }])).toEqual({ season: 2, episode: 5 });
    expect(episodeNumbers({ '@_system': 'xmltv_ns', '#text': '.7.' })).toEqual({ season: null, episode: 8 });
  });
  it('reads onscreen numbers that look like S03E12 or 3x12, and leaves free text alone', () => {
    expect(episodeNumbers({ '@_system': 'onscreen', '#text': 'S03E12' })).toEqual({ season: 3, episode: 12 });
    expect(episodeNumbers({ '#text': '3x12' })).toEqual({ season: 3, episode: 12 });
    expect(episodeNumbers({ '@_system': 'onscreen', '#text': 'Épisode spécial' })).toEqual({ season: null, episode: null });
  });
});

describe('parseXmltv', () => {
  it('reads programmes: titles in the edition’s language, sub-title, desc, category, episode, icon', () => {
    const d = parseXmltv(
      doc(`
<channel id="info.example"><display-name lang="fr">Info Exemple</display-name></channel>
<programme start="20261025200000 +0100" stop="20261025203000 +0100" channel="info.example">
  <title lang="en">The Evening News</title>
  <title lang="fr">Le Journal du soir</title>
  <sub-title lang="fr">Édition spéciale &amp; débats</sub-title>
  <desc lang="en">English text</desc>
  <desc lang="fr-FR">Les informations de la journée.</desc>
  <category lang="fr">Information</category>
  <episode-num system="xmltv_ns">2.11.0/1</episode-num>
  <icon src="https://img.example/journal.jpg" />
</programme>`),
      'fr',
    );
    expect(d.channels).toEqual([{ id: 'info.example', name: 'Info Exemple' }]);
    expect(d.skipped).toEqual([]);
    expect(d.programmes).toEqual([
      {
        channel: 'info.example',
        startsAt: '2026-10-25T19:00:00.000Z',
        endsAt: '2026-10-25T19:30:00.000Z',
        title: 'Le Journal du soir',
        subTitle: 'Édition spéciale & débats',
        description: 'Les informations de la journée.',
        category: 'Information',
        season: 3,
        episode: 12,
        icon: 'https://img.example/journal.jpg',
      },
    ]);
    expect(parseXmltv(doc(`<programme start="20261025200000 +0100" stop="20261025203000 +0100" channel="c"><title lang="en">The Evening News</title><title lang="fr">Le Journal</title></programme>`), 'en').programmes[0]!.title).toBe('The Evening News');
  });

  it('ends a programme without stop at the next one of its channel, and skips what cannot be read, saying why', () => {
    const d = parseXmltv(
      doc(`
<programme start="20261025060000 +0100" channel="a"><title>Matin</title></programme>
<programme start="20261025090000 +0100" stop="20261025100000 +0100" channel="a"><title>Magazine</title></programme>
<programme start="demain" stop="20261025100000 +0100" channel="a"><title>Cassé</title></programme>
<programme start="20261025110000 +0100" stop="20261025100000 +0100" channel="a"><title>À l’envers</title></programme>
<programme start="20261025120000 +0100" stop="20261025130000 +0100" channel="a"><title></title></programme>
<programme start="20261025230000 +0100" channel="a"><title>Dernier</title></programme>
<programme start="20261025120000 +0100" stop="20261025130000 +0100"><title>Sans chaîne</title></programme>`),
      'fr',
    );
    expect(d.programmes.map((p) => [p.title, p.startsAt, p.endsAt])).toEqual([
      ['Matin', '2026-10-25T05:00:00.000Z', '2026-10-25T08:00:00.000Z'],
      ['Magazine', '2026-10-25T08:00:00.000Z', '2026-10-25T09:00:00.000Z'],
    ]);
    expect(d.skipped.map((s) => s.index)).toEqual([3, 4, 5, 6, 7]);
    expect(d.skipped[0]!.reason).toMatch(/start time/);
    expect(d.skipped[1]!.reason).toMatch(/stops before it starts/);
    expect(d.skipped[2]!.reason).toMatch(/no title/);
    expect(d.skipped[3]!.reason).toMatch(/no stop time/);
    expect(d.skipped[4]!.reason).toMatch(/channel/);
  });

  it('keeps titles as text: markup is not interpreted, control characters go, icons must be http(s)', () => {
    const d = parseXmltv(
      doc(`<programme start="20261025060000 +0000" stop="20261025070000 +0000" channel="a"><title>&lt;script&gt;alert(1)&lt;/script&gt; Titre&#x7;</title><icon src="javascript:alert(1)"/></programme>`),
      'fr',
    );
    expect(d.programmes[0]!.title).toBe('<script>alert(1)</script> Titre');
    expect(d.programmes[0]!.icon).toBeNull();
  });

  describe('hostile input', () => {
    it('refuses a DOCTYPE or an ENTITY declaration, so nothing is ever expanded or read from disk', () => {
      const laughs = `<?xml version="1.0"?><!DOCTYPE tv [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><tv><programme start="20261025060000" stop="20261025070000" channel="a"><title>&b;</title></programme></tv>`;
      expect(() => parseXmltv(laughs, 'fr')).toThrow(XmltvRefused);
      const external = `<?xml version="1.0"?><!DOCTYPE tv SYSTEM "file:///etc/passwd"><tv/>`;
      expect(() => parseXmltv(external, 'fr')).toThrow(/DOCTYPE/);
    });

    it('leaves undeclared entities as written', () => {
      const d = parseXmltv(doc(`<programme start="20261025060000" stop="20261025070000" channel="a"><title>A &xxe; B</title></programme>`), 'fr');
      expect(d.programmes[0]!.title).toBe('A &xxe; B');
    });

    it('refuses a file over the size cap, before and after gunzip', () => {
      const big = doc('<!--' + 'x'.repeat(5000) + '-->');
      expect(() => xmltvText(Buffer.from(big), { maxBytes: 1000, maxProgrammes: 10 })).toThrow(/larger than 1000 bytes/);
      // A small gzip that inflates far past the cap is stopped while it inflates.
      const bomb = gzipSync(Buffer.alloc(10 * 1024 * 1024, 0x20));
      expect(bomb.byteLength).toBeLessThan(100_000);
      expect(() => xmltvText(bomb, { maxBytes: 1024 * 1024, maxProgrammes: 10 })).toThrow(/decompressed/);
      expect(xmltvText(gzipSync(Buffer.from(doc(''))))).toContain('<tv');
    });

    it('refuses more programmes than the bound', () => {
      const many = doc(Array.from({ length: 11 }, (_, i) => `<programme start="202610250${i % 10}0000" stop="202610250${i % 10}3000" channel="a"><title>P${i}</title></programme>`).join(''));
      expect(() => parseXmltv(many, 'fr', { maxBytes: 1e6, maxProgrammes: 10 })).toThrow(/more than 10 programmes/);
    });

    it('refuses what is not well-formed, or not XMLTV', () => {
      expect(() => parseXmltv('<tv><programme start="x"></tv>', 'fr')).toThrow(/well-formed/);
      expect(() => parseXmltv('<rss version="2.0"><channel/></rss>', 'fr')).toThrow(/not an XMLTV document/);
      expect(() => parseXmltv('{"tv": []}', 'fr')).toThrow(XmltvRefused);
    });

    it('cuts overlong texts', () => {
      const d = parseXmltv(doc(`<programme start="20261025060000" stop="20261025070000" channel="a"><title>${'T'.repeat(1000)}</title><desc>${'d '.repeat(10_000)}</desc></programme>`), 'fr');
      expect(d.programmes[0]!.title).toHaveLength(300);
      expect(d.programmes[0]!.description!.length).toBeLessThanOrEqual(5000);
    });
  });
});
