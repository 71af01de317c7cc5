// Dutch and English catalogues: the same keys, no empty strings, and the same {placeholders}.
import { describe, expect, it } from 'vitest';
import { en } from '../../../client/src/i18n/en.ts';
import { catalogues, translate } from '../../../client/src/i18n/index.tsx';
import { nl } from '../../../client/src/i18n/nl.ts';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('message catalogues', () => {
  it('have identical key sets', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(nl).sort());
    expect(Object.keys(catalogues.nl).length).toBeGreaterThan(200);
  });

  it('have no empty or whitespace-only strings', () => {
    for (const [lang, catalogue] of Object.entries(catalogues)) {
      for (const [key, text] of Object.entries(catalogue)) expect(text.trim(), `${lang} ${key}`).not.toBe('');
    }
  });

  it('use the same placeholders in both languages', () => {
    for (const key of Object.keys(nl) as Array<keyof typeof nl>)
      expect(placeholders(en[key]), key).toEqual(placeholders(nl[key]));
  });

  it('fills placeholders with locale-formatted numbers', () => {
    expect(translate('nl', 'grid.count', { n: 12345 })).toBe('12.345 items');
    expect(translate('en', 'grid.count', { n: 12345 })).toBe('12,345 items');
    expect(translate('nl', 'signin.submit')).toBe('Inloggen');
    expect(translate('en', 'signin.submit')).toBe('Sign in');
  });
});
