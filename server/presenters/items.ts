// Items (every file of a case): row → API shape, for the item pages and `spoor items`.
import path from 'node:path';
import type { ItemListRow } from '../../storage/repositories/items.repository.ts';
import { extForMime, extensionMismatch } from '../../workers/ingest/file-type.ts';
import { presentItemExif, type ItemExif } from './item-exif.ts';

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
  exif: ItemExif | null;
  exifError: string | null;
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
    exif: presentItemExif(row.exif),
    exifError: row.exif_error,
  };
}
