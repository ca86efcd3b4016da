import { describe, expect, it } from 'vitest';
import type { FieldIssue } from '../errors.ts';
import { blocksToHtml, htmlToBlocks, htmlToBlocksAsync, htmlToText, htmlToTextAsync, looksLikeHtml } from './html.ts';
import { HtmlWalk, MAX_HTML_DEPTH, WALK_SLICE } from './html-walk.ts';

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

describe('HTML walk at any nesting', () => {
  const deep = (n: number, inner: string) => '<div>'.repeat(n) + inner + '</div>'.repeat(n);

  it('converts 200,000 nested <div> keeping the text, and reports the flattened depth', () => {
    const issues: FieldIssue[] = [];
    expect(htmlToBlocks(deep(200_000, '<p>Au <a href="https://x.example/">fond</a></p><script>alert(1)</script>'), 'body', issues)).toEqual([{ type: 'paragraph', text: 'Au fond' }]);
    expect(issues.map((i) => i.message)).toEqual(['<script> element removed with its content', `markup nested more than ${MAX_HTML_DEPTH} levels deep flattened to text (${200_000 - MAX_HTML_DEPTH + 2} tags not followed; their text is kept)`]);
    expect(htmlToText(deep(200_000, 'A<style>x</style> B'))).toBe('A B');
  });

  it('keeps its own stack within the cap, so every tag costs the same whatever the depth or the stray close tags', () => {
    let deepest = 0;
    let events = 0;
    const count = (n: number, html: string) => {
      events = 0;
      const walk: HtmlWalk = new HtmlWalk(html, { open: () => void (events++, (deepest = Math.max(deepest, walk.depth))), close: () => void events++, text: () => void events++ }, { maxDepth: MAX_HTML_DEPTH });
      walk.run();
      return { events, flattened: walk.flattened, n };
    };
    // Unclosed, closed, and closed by tags that match nothing: the events grow with the input, not with its square.
    for (const shape of [(n: number) => '<div>'.repeat(n) + 'x', (n: number) => deep(n, 'x'), (n: number) => '<div>'.repeat(n) + '</span>'.repeat(n) + '<p><div></p>'.repeat(n)]) {
      const small = count(10_000, shape(10_000));
      const large = count(100_000, shape(100_000));
      expect(large.events).toBeLessThanOrEqual(10 * small.events + 10 * MAX_HTML_DEPTH);
      expect(large.flattened).toBeGreaterThan(small.flattened);
    }
    expect(deepest).toBeLessThanOrEqual(MAX_HTML_DEPTH);
  });

  it('matches close tags to the elements opened past the cap, then resumes following markup', () => {
    const issues: FieldIssue[] = [];
    const html = deep(100, 'creux') + '<h2>Titre</h2><ul><li>un</li><li>deux</li></ul>';
    expect(htmlToBlocks(html, 'body', issues)).toEqual([{ type: 'paragraph', text: 'creux' }, { type: 'heading', text: 'Titre' }, { type: 'list', items: ['un', 'deux'] }]);
    expect(issues).toHaveLength(1);
  });

  it('links nested thousands deep keep the innermost safe one, found without a search', () => {
    const html = '<p>' + '<a href="javascript:x">'.repeat(30) + '<a href="https://ok.example/">lien</a>' + '</a>'.repeat(30) + ' fin</p>';
    expect(htmlToBlocks(html, 'body', [])).toEqual([{ type: 'paragraph', content: [{ text: 'lien', href: 'https://ok.example/' }, { text: ' fin' }] }]);
  });

  it('yields to the event loop while converting a large input asynchronously', async () => {
    let turns = 0;
    let converting = true;
    const tick = () => {
      if (!converting) return;
      turns++;
      setImmediate(tick);
    };
    setImmediate(tick);
    const html = deep(100_000, 'x');
    const issues: FieldIssue[] = [];
    const blocks = await htmlToBlocksAsync(html, 'body', issues);
    converting = false;
    expect(blocks).toEqual([{ type: 'paragraph', text: 'x' }]);
    expect(turns).toBeGreaterThanOrEqual(Math.floor(html.length / WALK_SLICE) - 1);
    expect(await htmlToTextAsync(deep(1000, 'y'))).toBe('y');
  });

  it('finds no markup in text full of "<" without a closing ">"', () => {
    expect(looksLikeHtml('<a'.repeat(100_000))).toBe(false);
    expect(looksLikeHtml('1 < 2 et <b>gras</b>')).toBe(true);
  });
});
