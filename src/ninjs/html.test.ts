import { describe, expect, it } from 'vitest';
import type { FieldIssue } from '../errors.ts';
import { blocksToHtml, htmlToBlocks, htmlToText } from './html.ts';

describe('ninjs HTML', () => {
  it('drops javascript: links but keeps their text, and reports them', () => {
    const issues: FieldIssue[] = [];
    expect(htmlToBlocks('<p><a href="javascript:x()">lien</a> <img src=x onerror=y></p>', 'body', issues)).toEqual([{ type: 'paragraph', text: 'lien' }]);
    expect(issues.map((i) => i.message).join('\n')).toMatch(/javascript:x\(\)" removed[\s\S]*<img> x not imported/);
  });
  it('strips script content from plain text fields', () => {
    expect(htmlToText('A<script>alert(1)</script> B')).toBe('A B');
  });
  it('escapes every piece of user text in the export HTML', () => {
    const html = blocksToHtml([{ type: 'paragraph', content: [{ text: '<b>"x"</b>', href: '/fr/a?b=1&c=2' }] }], { absolute: (p) => 'https://n.example' + p, imageUrl: () => undefined });
    expect(html).toBe('<p><a href="https://n.example/fr/a?b=1&amp;c=2">&lt;b&gt;&quot;x&quot;&lt;/b&gt;</a></p>');
  });
});
