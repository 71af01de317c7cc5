// Message catalogues and locale formatting. Every visible string comes from nl.ts / en.ts.
import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { en } from './en.ts';
import { nl, type MessageKey } from './nl.ts';

export type Lang = 'nl' | 'en';
export type { MessageKey };
export type Params = Record<string, string | number>;
export type Translate = (key: MessageKey, params?: Params) => string;

export const catalogues: Record<Lang, Record<MessageKey, string>> = { nl, en };
const locales: Record<Lang, string> = { nl: 'nl-NL', en: 'en-GB' };

export function translate(lang: Lang, key: MessageKey, params?: Params): string {
  const text = catalogues[lang][key] ?? key;
  if (!params) return text;
  const numbers = new Intl.NumberFormat(locales[lang]);
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    if (value === undefined) return whole;
    return typeof value === 'number' ? numbers.format(value) : value;
  });
}

export type Formatters = {
  number: (n: number) => string;
  bytes: (n: number | null) => string;
  dateTime: (iso: string | null) => string;
  percent: (n: number) => string;
};

function formatters(lang: Lang): Formatters {
  const locale = locales[lang];
  const numbers = new Intl.NumberFormat(locale);
  const oneDecimal = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  const dates = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'medium' });
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  return {
    number: (n) => numbers.format(n),
    bytes: (n) => {
      if (n === null) return '—';
      let v = n;
      let u = 0;
      while (v >= 1024 && u < units.length - 1) {
        v /= 1024;
        u++;
      }
      return `${u === 0 ? numbers.format(v) : oneDecimal.format(v)} ${units[u]}`;
    },
    dateTime: (iso) => (iso ? dates.format(new Date(iso)) : '—'),
    percent: (n) => `${Math.round(n)}%`,
  };
}

type I18n = { lang: Lang; t: Translate; fmt: Formatters };
const I18nContext = createContext<I18n>({ lang: 'nl', t: (k, p) => translate('nl', k, p), fmt: formatters('nl') });

export function I18nProvider({ lang, children }: { lang: Lang; children: ReactNode }) {
  const value = useMemo<I18n>(() => ({ lang, t: (k, p) => translate(lang, k, p), fmt: formatters(lang) }), [lang]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export const useI18n = () => useContext(I18nContext);
