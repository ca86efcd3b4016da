import { h } from 'preact';
import { render } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import { SourceDelivery } from './ingest.tsx';

describe('where a source delivers', () => {
  it('shows the drop folder of a ninjs source without a URL, so the editor can pass it to the agency', () => {
    expect(render(h(SourceDelivery, { source: { url: null, dropFolder: '/srv/depeche/ingest/7' } }))).toBe('Dossier de dépôt : <code>/srv/depeche/ingest/7</code>');
  });
  it('shows the feed address of a polled source, escaped', () => {
    expect(render(h(SourceDelivery, { source: { url: 'https://agence.example/fil?a=1&b=2', dropFolder: null } }))).toBe('https://agence.example/fil?a=1&amp;b=2');
  });
});
