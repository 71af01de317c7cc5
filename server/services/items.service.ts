// The per-file view of a case: every item with its hashes, status and duplicate / near-duplicate group.
import path from 'node:path';
import type { Pool } from '../../storage/db.ts';
import { itemsRepo, type ItemListRow } from '../../storage/repositories/items.repository.ts';
import { extForMime, extensionMismatch } from '../../workers/ingest/file-type.ts';
import type { Actor } from './actor.ts';
import type { AuditService } from './audit.service.ts';
import type { CasesService } from './cases.service.ts';

export type ItemView = {
  id: number;
  path: string;
  size: number | null;
  sha256: string | null;
  md5: string | null;
  sha1: string | null;
  mime: string | null;
  status: 'ok' | 'error' | 'pending';
  error: string | null;
  width: number | null;
  height: number | null;
  pdq: string | null;
  pdqQuality: number | null;
  blockhash: string | null;
  duplicateGroup: number | null;
  nearGroup: number | null;
  warning: string | null;
};

function warningFor(row: ItemListRow): string | null {
  const warnings = [];
  const ext = extForMime(row.mime);
  if (row.mime && row.mime !== 'application/octet-stream' && extensionMismatch(row.file_name, ext)) {
    warnings.push(`extension ${path.extname(row.file_name) || '(none)'} does not match the content (${row.mime})`);
  }
  if (row.note) warnings.push(row.note);
  return warnings.length ? warnings.join('; ') : null;
}

export function presentItem(row: ItemListRow): ItemView {
  const error = row.rejected_reason ?? row.decode_error;
  const status = error ? 'error' : row.blob_status === 'pending' ? 'pending' : 'ok';
  return {
    id: row.id,
    path: row.source_path,
    size: row.size ?? null,
    sha256: row.blob_sha256,
    md5: row.md5,
    sha1: row.sha1,
    mime: row.mime,
    status,
    error,
    width: row.width,
    height: row.height,
    pdq: row.pdq,
    pdqQuality: row.pdq_quality,
    blockhash: row.blockhash,
    duplicateGroup: row.dup_count > 1 ? row.blob_id : null,
    nearGroup: row.near_group === null ? null : Number(row.near_group),
    warning: warningFor(row),
  };
}

export function itemsService(pool: Pool, cases: CasesService, audit: AuditService) {
  const repo = itemsRepo(pool);
  return {
    async page(actor: Actor, caseId: string, afterId: number, limit: number): Promise<ItemView[]> {
      const c = await cases.open(actor, { id: caseId });
      const rows = await repo.pageForCase(c.id, afterId, limit);
      // One entry per page asked for, not per item: the listing is audited without flooding the log.
      await audit.record(actor, {
        action: 'items.list',
        targetType: 'case',
        targetId: c.number,
        caseId: c.id,
        details: { after: afterId, limit, count: rows.length },
      });
      return rows.map(presentItem);
    },
    /** Every item of a case in id order, page by page (bounded memory for millions of rows). */
    async *all(actor: Actor, caseId: string): AsyncIterable<ItemView> {
      const c = await cases.open(actor, { id: caseId });
      // Audited before the first line goes out: a listing cut short was still a listing.
      await audit.record(actor, {
        action: 'items.list',
        targetType: 'case',
        targetId: c.number,
        caseId: c.id,
        details: { all: true },
      });
      for (let after = 0; ;) {
        const rows = await repo.pageForCase(c.id, after, 2000);
        if (rows.length === 0) return;
        for (const row of rows) yield presentItem(row);
        after = rows[rows.length - 1]!.id;
      }
    },
    async summary(actor: Actor, caseId: string) {
      const c = await cases.open(actor, { id: caseId });
      const [totals, exact, near] = await Promise.all([
        repo.caseSummary(c.id),
        repo.exactGroups(c.id),
        repo.nearGroups(c.id),
      ]);
      return {
        files: totals.files,
        uniqueBlobs: totals.unique_blobs,
        images: totals.images,
        errors: totals.errors,
        exactDuplicateGroups: exact,
        nearDuplicateGroups: near,
      };
    },
  };
}

export type ItemsService = ReturnType<typeof itemsService>;
