import type { DossierListRow } from '../../storage/repositories/dossiers.repository.ts';
import type { VerifyResult } from '../../workers/dossier/verify.ts';
import type { DossierJob } from '../schemas/dossiers.ts';

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

export function presentDossierJob(r: DossierListRow, lang: 'nl' | 'en'): DossierJob {
  return {
    jobId: r.job_id,
    status: r.status,
    createdBy: r.created_by_name,
    createdAt: iso(r.created_at)!,
    finishedAt: iso(r.finished_at),
    progress: r.progress,
    error: r.error ? r.error[lang] : null,
    dossier:
      r.dossier_id && r.as_of && r.manifest_sha256 && r.files && r.counts
        ? {
            id: r.dossier_id,
            asOf: iso(r.as_of)!,
            manifestSha256: r.manifest_sha256,
            files: r.files.map(({ name, sha256, bytes }) => ({ name, sha256, bytes })),
            counts: r.counts as NonNullable<DossierJob['dossier']>['counts'],
          }
        : null,
  };
}

export const presentVerification = (r: VerifyResult, lang: 'nl' | 'en') =>
  r.ok
    ? { ok: true, files: r.files, unit: r.unit, fingerprint: r.fingerprint }
    : { ok: false, problem: r.problem[lang] };
