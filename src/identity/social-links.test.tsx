import { renderToString } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import type { EditionContext } from '../render/context.ts';
import { identityLabelsByLanguage } from './identity-labels.ts';
import { SocialLinks } from './social-links.tsx';

const ctx = (language: string, social?: Array<{ network: string; url: string }>) =>
  ({ edition: { code: language, language: '', name: 'Dépêche' }, identity: { social } }) as unknown as EditionContext;

describe('the footer’s social accounts', () => {
  it('lists each account with the network’s name and an accessible name in the edition’s language', () => {
    const html = renderToString(<SocialLinks ctx={ctx('fr', [{ network: 'youtube', url: 'https://www.youtube.com/@depeche' }, { network: 'other', url: 'https://www.peertube.example/a/depeche' }])} />);
    expect(html).toBe(
      '<nav class="social-links" aria-label="Réseaux sociaux"><ul><li><a href="https://www.youtube.com/@depeche" rel="me noopener" aria-label="Dépêche sur YouTube"><bdi>YouTube</bdi></a></li><li><a href="https://www.peertube.example/a/depeche" rel="me noopener" aria-label="Dépêche sur peertube.example"><bdi>peertube.example</bdi></a></li></ul></nav>',
    );
    expect(renderToString(<SocialLinks ctx={ctx('ar', [{ network: 'x', url: 'https://x.com/d' }])} />)).toContain('aria-label="وسائل التواصل الاجتماعي"');
  });

  it('renders nothing without accounts', () => {
    expect(renderToString(<SocialLinks ctx={ctx('fr')} />)).toBe('');
  });

  it('has its words in fr, en, es and ar', () => {
    expect(Object.keys(identityLabelsByLanguage).sort()).toEqual(['ar', 'en', 'es', 'fr']);
    for (const l of Object.values(identityLabelsByLanguage)) expect(l.social && l.on('E', 'N')).toBeTruthy();
  });
});
