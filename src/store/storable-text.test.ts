import { describe, expect, it } from 'vitest';
import { storableText, storableValue, unstorableReason, unstorableTextIssues } from './storable-text.ts';

describe('storable text', () => {
  it('finds U+0000 and unpaired surrogates, and lets paired ones and other controls through', () => {
    expect(unstorableReason('a\u0000b')).toMatch(/U\+0000/);
    expect(unstorableReason('a\ud800')).toMatch(/surrogate/);
    expect(unstorableReason('\udc00a')).toMatch(/surrogate/);
    expect(unstorableReason('𝕏 é \u0001 \uffff')).toBeNull();
  });

  it('names every bad string by its field path, keys included', () => {
    const issues = unstorableTextIssues({ headline: 'ok', tags: ['x', 'y\u0000'], body: [{ speaker: { name: '\ud83d' } }], ['k\u0000']: 1 });
    expect(issues.map((i) => i.field)).toEqual(['tags[1]', 'body[0].speaker.name', 'k\\u0000']);
  });

  it('stops at 64 levels instead of overflowing the stack on a hostile nesting', () => {
    let deep: unknown = 'x\u0000';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(unstorableTextIssues(deep)).toEqual([]);
    expect(unstorableTextIssues([[['x\u0000']]])).toEqual([{ field: '[0][0][0]', message: expect.stringContaining('U+0000') }]);
  });

  it('cleans text from other systems: NUL dropped, lone surrogates replaced', () => {
    expect(storableText('a\u0000b\ud800c𝕏')).toBe('ab\ufffdc𝕏');
    expect(storableValue({ t: ['a\u0000'], n: 1, z: null })).toEqual({ t: ['a'], n: 1, z: null });
  });
});
