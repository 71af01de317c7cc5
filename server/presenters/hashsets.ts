// Hash sets: row → API shape.
import type { HashSetRow } from '../../storage/repositories/hashsets.repository.ts';
import type { LongJobRow } from '../../storage/repositories/long-jobs.repository.ts';
import type { HashSetImportResult } from '../../workers/handlers/import-hash-set.ts';
import type { ImportProgress, ImportResult } from '../services/hashsets.service.ts';

export const presentSet = (s: HashSetRow) => ({
  id: s.id,
  name: s.name,
  source: s.source,
  version: s.version,
  format: s.format,
  profile: s.profile,
  scheme: s.scheme,
  visibility: s.visibility,
  unit: s.unit_name,
  radius: s.near_radius,
  entries: s.entries,
  skipped: s.skipped,
  status: s.status,
  importedBy: s.imported_by_name,
  importedAt: s.imported_at.toISOString(),
  error: s.error,
});

export function presentImportResult(r: HashSetImportResult): ImportResult {
  return {
    setId: r.setId,
    name: r.name,
    version: r.version,
    entries: r.entries,
    skippedCount: r.skippedCount,
    seconds: r.seconds,
    skipped: r.skipped,
  };
}

export function presentImportProgress(job: LongJobRow, lang: 'nl' | 'en'): ImportProgress {
  const result = job.status === 'done' && job.result ? presentImportResult(job.result as HashSetImportResult) : null;
  return {
    status: job.status === 'done' || job.status === 'failed' ? job.status : 'running',
    records: job.progress.records ?? 0,
    entries: result?.entries ?? job.progress.entries ?? 0,
    error: job.error ? job.error[lang] : null,
    result,
  };
}
