// Category schemes with Dutch and English labels. The scheme is always stored with the value, because
// older models number their categories differently (see DOMAIN.md).
import { BadInput } from '../errors.ts';

type Category = {
  value: string;
  key: string;
  nl: string;
  en: string;
  severity: 'none' | 'high' | 'medium' | 'low' | 'reference';
};
export type Scheme = { id: string; nl: string; en: string; categories: Category[] };

const vics2: Scheme = {
  id: 'vics2',
  nl: 'VICS 2.0',
  en: 'VICS 2.0',
  categories: [
    { value: '0', key: '0', nl: 'Niet relevant', en: 'Non-pertinent', severity: 'none' },
    { value: '1', key: '1', nl: 'Kindermisbruikmateriaal', en: 'Child abuse material', severity: 'high' },
    {
      value: '2',
      key: '2',
      nl: 'Kindexploitatie / leeftijd twijfelachtig',
      en: 'Child exploitive / age-difficult',
      severity: 'medium',
    },
    { value: '3', key: '3', nl: 'CGI / animatie', en: 'CGI / animation', severity: 'low' },
    { value: '4', key: '4', nl: 'Vergelijkingsmateriaal', en: 'Comparison images', severity: 'reference' },
  ],
};

const caid: Scheme = {
  id: 'caid',
  nl: 'CAID (VK)',
  en: 'CAID (UK)',
  categories: [
    { value: 'NI', key: '0', nl: 'Niet onzedelijk', en: 'Non-indecent', severity: 'none' },
    { value: 'A', key: '1', nl: 'Categorie A', en: 'Category A', severity: 'high' },
    { value: 'B', key: '2', nl: 'Categorie B', en: 'Category B', severity: 'medium' },
    { value: 'C', key: '3', nl: 'Categorie C', en: 'Category C', severity: 'low' },
  ],
};

export const DEFAULT_SCHEME = 'vics2';
export const SCHEMES: readonly Scheme[] = [vics2, caid];

/** Throws BadInput unless `category` (null = uncategorised) is a value of `schemeId`. */
export function assertCategory(schemeId: string, category: string | null): void {
  const scheme = SCHEMES.find((s) => s.id === schemeId);
  if (!scheme)
    throw new BadInput(`Unknown category scheme "${schemeId}". Use one of: ${SCHEMES.map((s) => s.id).join(', ')}.`);
  if (category !== null && !scheme.categories.some((c) => c.value === category)) {
    throw new BadInput(
      `"${category}" is not a category of ${scheme.en}. Use one of: ${scheme.categories.map((c) => c.value).join(', ')}, or null to clear.`,
    );
  }
}
