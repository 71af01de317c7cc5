// items.csv: every file of every evidence item, one row each (RFC 4180 quoting), including unprocessable ones.
import type { DossierItemRow } from '../../storage/repositories/dossier-data.repository.ts';

const CSV_COLUMNS = [
  'path',
  'evidence',
  'size',
  'md5',
  'sha1',
  'sha256',
  'pdq',
  'mime',
  'category',
  'categorySource',
  'status',
  'error',
] as const;

/** A category as the dossier names it: the value in the default scheme, else `scheme/value`. */
export const categoryKey = (scheme: string, category: string) =>
  scheme === 'vics2' ? category : `${scheme}/${category}`;

function field(value: string | number | null): string {
  if (value === null) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export const csvLine = (values: ReadonlyArray<string | number | null>) => `${values.map(field).join(',')}\n`;

export const csvHeader = () => csvLine(CSV_COLUMNS);

export function itemCsvLine(r: DossierItemRow): string {
  const category = r.category !== null && r.scheme !== null ? categoryKey(r.scheme, r.category) : null;
  return csvLine([
    r.source_path,
    r.evidence_sha256,
    r.size,
    r.md5,
    r.sha1,
    r.sha256,
    r.pdq,
    r.mime,
    category,
    r.category !== null ? r.source : null,
    r.status,
    r.error,
  ]);
}
