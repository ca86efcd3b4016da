import { describe, expect, it } from 'vitest';
import { checkColours, contrastRatio, CONTRAST_PAIRS, DEFAULT_COLOURS, ratioText } from './colours.ts';

describe('brand colours', () => {
  it('measures contrast as WCAG 2.1 does', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
  });

  it('keeps the theme’s defaults readable', () => {
    for (const [t, b] of CONTRAST_PAIRS) expect(contrastRatio(DEFAULT_COLOURS[t], DEFAULT_COLOURS[b])).toBeGreaterThanOrEqual(4.5);
  });

  it('accepts readable colours, lower-cased', () => {
    expect(checkColours({ accent: '#0A3D91', link: '#0a3d91' })).toEqual({ colours: { accent: '#0a3d91', link: '#0a3d91' }, issues: [] });
  });

  it('refuses a colour that is not #rrggbb, naming the field', () => {
    expect(checkColours({ accent: 'red' }).issues).toEqual([{ field: 'colours.accent', message: expect.stringContaining('#rrggbb') }]);
    expect(checkColours({ link: '#fff' }).issues[0].field).toBe('colours.link');
    expect(checkColours({ shadow: '#000000' }).issues[0].field).toBe('colours.shadow');
  });

  it('refuses a link too pale on the paper with the measured ratio', () => {
    const { issues } = checkColours({ link: '#777777' });
    expect(issues).toHaveLength(1);
    expect(issues[0].field).toBe('colours.link');
    expect(issues[0].message).toContain(ratioText(contrastRatio('#777777', '#ffffff')));
    expect(issues[0].message).toContain('4.47:1');
    expect(issues[0].message).toContain('4.5:1');
  });

  it('blames the background when only it was set', () => {
    const { issues } = checkColours({ accent: '#ffcc00' });
    expect(issues.map((i) => i.field)).toEqual(['colours.accent', 'colours.accent']);
    expect(checkColours({ accent: '#ffcc00', accentInk: '#000000' }).issues.map((i) => i.field)).toEqual(['colours.accent']);
  });
});
