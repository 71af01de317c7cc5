// The dossier's long listings, paged through the database so a case of millions of items never sits in memory:
// per category a table of items (path, size, hashes, PDQ, category source), then the uncategorised and the
// unprocessable files, and the audit excerpt. Text only: never an image.
import type { Queryable } from '../../../storage/db.ts';
import {
  dossierDataRepo,
  type DossierItemRow,
  type ItemBucket,
} from '../../../storage/repositories/dossier-data.repository.ts';
import type { DossierFacts } from '../facts.ts';
import { categoryKey } from '../items-csv.ts';
import { auditLine, categoryLabel } from './pdf-front.ts';
import { nlNumber as n, type DossierPdf } from './pdf-doc.ts';

const PAGE_ROWS = 5000;
const SIZE = 6.5;
const LINE = 8;
const PATH_CHARS = 190;
const AUDIT_CHARS = 128;

type Tick = (items: number) => void;

function sourceOf(r: DossierItemRow): string {
  if (r.category === null) return '';
  return r.source === 'hashset'
    ? `bron: hashset ${r.set_name ?? '?'} ${r.set_version ?? ''}`.trim()
    : 'bron: handmatig';
}

function itemLines(r: DossierItemRow): string[] {
  const lines: string[] = [];
  for (let at = 0; at < r.source_path.length || at === 0; at += PATH_CHARS) {
    lines.push(`${at === 0 ? '' : '  '}${r.source_path.slice(at, at + PATH_CHARS)}`);
  }
  const size = r.size === null ? 'grootte onbekend' : `${n(r.size)} bytes`;
  if (r.md5 === null) {
    lines.push(`    ${size} · niet opgeslagen: ${r.error ?? ''}`);
    return lines;
  }
  const extra = r.status === 'error' ? ` · niet verwerkbaar: ${r.error ?? ''}` : '';
  lines.push(`    ${size} · ${sourceOf(r) || r.mime || ''}${extra} · MD5 ${r.md5} · SHA-1 ${r.sha1}`);
  lines.push(`    SHA-256 ${r.sha256} · PDQ ${r.pdq ?? '—'}`);
  return lines;
}

async function writeBucket(
  pdf: DossierPdf,
  db: Queryable,
  caseId: string,
  bucket: ItemBucket,
  tick: Tick,
): Promise<void> {
  for (let after = 0; ;) {
    const rows = await dossierDataRepo(db).bucketPage(caseId, bucket, after, PAGE_ROWS);
    if (rows.length === 0) return;
    for (const r of rows) {
      if (!r.in_bucket) continue;
      const lines = itemLines(r);
      pdf.ensure(lines.length * LINE + 3);
      pdf.monoLines(lines, SIZE, LINE);
      pdf.doc.y += 3;
    }
    tick(rows.filter((r) => r.in_bucket).length);
    after = rows[rows.length - 1]!.id;
  }
}

/** Every item once: the categorised ones under their category, then the uncategorised, then the errors. */
export async function writeItemTables(pdf: DossierPdf, db: Queryable, f: DossierFacts, tick: Tick): Promise<void> {
  const seen = new Set<string>();
  for (const r of f.categories) {
    const key = `${r.scheme}\u0000${r.category}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const c = f.counts.byCategory[categoryKey(r.scheme, r.category)];
    pdf.newPage('landscape');
    pdf.heading(`Categorie ${categoryLabel(f, r.scheme, r.category)}`, 11);
    if (c) pdf.para(`${n(c.files)} bestanden`);
    await writeBucket(pdf, db, f.case.id, { status: 'categorised', scheme: r.scheme, category: r.category }, tick);
  }
  pdf.newPage('landscape');
  pdf.heading(`Niet gecategoriseerd: ${n(f.totals.uncategorised)} bestanden`, 11);
  await writeBucket(pdf, db, f.case.id, { status: 'uncategorised' }, tick);
  pdf.newPage('landscape');
  pdf.heading(`Niet verwerkbaar: ${n(f.totals.errors)} bestanden`, 11);
  await writeBucket(pdf, db, f.case.id, { status: 'error' }, tick);
}

export async function writeAuditExcerpt(pdf: DossierPdf, db: Queryable, f: DossierFacts): Promise<number> {
  if (!f.anchor) return 0;
  let written = 0;
  for (let after = 0; ;) {
    const rows = await dossierDataRepo(db).auditPage(f.case.id, f.anchor.id, after, PAGE_ROWS);
    if (rows.length === 0) return written;
    for (const a of rows) {
      const text = auditLine(a);
      const parts = Math.ceil(text.length / AUDIT_CHARS);
      pdf.ensure(parts * LINE);
      const lines = Array.from({ length: parts }, (_, i) => text.slice(i * AUDIT_CHARS, (i + 1) * AUDIT_CHARS));
      pdf.monoLines(lines, SIZE, LINE);
    }
    written += rows.length;
    after = rows[rows.length - 1]!.id;
  }
}
