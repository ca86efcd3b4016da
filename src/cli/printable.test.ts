import { describe, expect, it } from 'vitest';
import { printable, printableJson, printableLines, say } from './printable.ts';

describe('printing data on a terminal', () => {
  it('escapes ESC, BEL, CSI, DEL, newlines and bidi overrides as JSON does, and leaves other text alone', () => {
    expect(printable('\u001b]0;PWNED\u0007')).toBe('\\u001b]0;PWNED\\u0007');
    expect(printable('a\u009b31mb\u007f')).toBe('a\\u009b31mb\\u007f');
    expect(printable('faux\nimported x')).toBe('faux\\nimported x'.replace('\\n', '\\u000a'));
    expect(printable('abc\u202Edef')).toBe('abc\\u202edef');
    expect(printable('Économie — « direct » 🎥')).toBe('Économie — « direct » 🎥');
  });

  it('escapes the values of a line, never its own text', () => {
    expect(say`imported ${'x\u001b[2J'} ${3}\n`).toBe('imported x\\u001b[2J 3\n');
    expect(printableLines('one\ntwo\u001b[31m\n')).toBe('one\ntwo\\u001b[31m\n');
  });

  it('keeps --json valid JSON with the same values', () => {
    const v = [{ slug: 'a\u009bb', name: 'c\u001bd' }];
    const text = printableJson(v);
    expect(text).not.toMatch(/[\u001b\u009b]/);
    expect(JSON.parse(text)).toEqual(v);
  });
});
