import { describe, expect, it } from 'vitest';
import { parseFeed } from './feed-parse.ts';

const at = new Date('2026-12-07T08:00:00Z');

describe('wire flashes in feeds', () => {
  it('flags RSS items with a flash, breaking, urgent or alerte category, in any case, and no others', () => {
    const xml = `<?xml version="1.0"?><rss version="2.0"><channel><title>AFP</title>
      <item><guid>1</guid><title>Séisme</title><category>Monde</category><category>FLASH</category></item>
      <item><guid>2</guid><title>Alerte</title><category>alerte</category></item>
      <item><guid>3</guid><title>Ordinaire</title><category>Monde</category></item>
      <item><guid>4</guid><title>Sans catégorie</title></item>
    </channel></rss>`;
    expect(parseFeed(xml, at).items.map((i) => [i.guid, i.flash])).toEqual([
      ['1', true],
      ['2', true],
      ['3', false],
      ['4', false],
    ]);
  });

  it('flags Atom entries whose category term says so', () => {
    const xml = `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>AP</title><id>x</id><updated>2026-12-07T08:00:00Z</updated>
      <entry><id>a</id><title>Breaking</title><updated>2026-12-07T08:00:00Z</updated><category term="Breaking"/></entry>
      <entry><id>b</id><title>Plain</title><updated>2026-12-07T08:00:00Z</updated><category term="sport"/></entry>
    </feed>`;
    expect(parseFeed(xml, at).items.map((i) => [i.guid, i.flash])).toEqual([
      ['a', true],
      ['b', false],
    ]);
  });
});
