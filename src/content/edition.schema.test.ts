import { describe, expect, it } from 'vitest';
import { ValidationFailed } from '../errors.ts';
import { directionOf, isTimeZone, parseEditionCreate, parseEditionUpdate } from './edition.schema.ts';

const fields = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    if (e instanceof ValidationFailed) return e.issues.map((i) => i.field).sort();
    throw e;
  }
  return [];
};

describe('editions’ fields', () => {
  it('infers the direction from the language', () => {
    for (const l of ['ar', 'he', 'fa', 'ur', 'ar-LB', 'ps']) expect(directionOf(l), l).toBe('rtl');
    for (const l of ['fr', 'en', 'es', 'pt-br', 'zh', 'ku']) expect(directionOf(l), l).toBe('ltr');
  });
  it('knows time zones through Intl', () => {
    expect(isTimeZone('Asia/Beirut')).toBe(true);
    expect(isTimeZone('UTC')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
    expect(isTimeZone('')).toBe(false);
  });
  it('takes a lowercase language tag as code, not a reserved word', () => {
    expect(parseEditionCreate({ code: 'pt-br', name: 'Despacho', timeZone: 'America/Sao_Paulo' }).code).toBe('pt-br');
    expect(fields(() => parseEditionCreate({ code: 'PT-BR', name: 'x', timeZone: 'UTC' }))).toEqual(['code']);
    expect(fields(() => parseEditionCreate({ code: 'api', name: 'x', timeZone: 'UTC' }))).toEqual(['code']);
    expect(fields(() => parseEditionCreate({ code: 'fr/x', name: 'x', timeZone: 'UTC' }))).toEqual(['code']);
  });
  it('names every bad field, and unknown ones', () => {
    expect(fields(() => parseEditionCreate({ code: 'ar', name: ' ', timeZone: 'Nowhere', numbering: 'klingon', dir: 'up', baseUrl: 'javascript:alert(1)', position: -1, colour: 'red' }))).toEqual(
      ['baseUrl', 'colour', 'dir', 'name', 'numbering', 'position', 'timeZone'],
    );
    expect(fields(() => parseEditionUpdate({ code: 'en' }))).toEqual(['code']);
    expect(fields(() => parseEditionUpdate([]))).toEqual(['body']);
  });
  it('takes an own address over http(s) only, without query or fragment', () => {
    expect(parseEditionUpdate({ baseUrl: 'https://ar.example.com/' }).baseUrl).toBe('https://ar.example.com/');
    expect(fields(() => parseEditionUpdate({ baseUrl: 'https://ar.example.com/?x=1' }))).toEqual(['baseUrl']);
    expect(fields(() => parseEditionUpdate({ baseUrl: 'https://user:pw@ar.example.com' }))).toEqual(['baseUrl']);
    expect(parseEditionUpdate({ baseUrl: '' }).baseUrl).toBe('');
  });
});
