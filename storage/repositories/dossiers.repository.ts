// Dossier generations: one row per finished `case.dossier` job, listing its stored files and the manifest's hash.
import { many, one, type Queryable } from '../db.ts';
import type { UserMessage } from './long-jobs.repository.ts';

export type DossierFile = { name: string; key: string; sha256: string; bytes: number };

export type DossierRow = {
  id: string;
  case_id: string;
  job_id: string;
  created_by_name: string;
  created_at: Date;
  as_of: Date;
  files: DossierFile[];
  manifest_sha256: string;
  counts: Record<string, unknown>;
  key_fingerprint: string;
};

/** A generation as the list shows it: its job (queued, running, failed or done) and, when done, its dossier. */
export type DossierListRow = {
  job_id: string;
  status: 'queued' | 'running' | 'done' | 'failed';
  created_by_name: string;
  created_at: Date;
  finished_at: Date | null;
  progress: Record<string, number>;
  error: UserMessage | null;
  dossier_id: string | null;
  as_of: Date | null;
  manifest_sha256: string | null;
  files: DossierFile[] | null;
  counts: Record<string, unknown> | null;
};

export type NewDossier = Omit<DossierRow, 'id' | 'created_at'>;

const sql = {
  insert: `INSERT INTO dossiers (case_id, job_id, created_by, created_by_name, as_of, files, manifest_sha256, counts,
      key_fingerprint)
    SELECT $1, $2, j.created_by, $3, $4, $5, $6, $7, $8 FROM long_jobs j WHERE j.id = $2
    ON CONFLICT (job_id) DO UPDATE SET files = excluded.files RETURNING id`,
  byId: 'SELECT * FROM dossiers WHERE id = $1',
  byJob: 'SELECT * FROM dossiers WHERE job_id = $1',
  list: `SELECT j.id AS job_id, j.status, j.created_by_name, j.created_at, j.finished_at, j.progress, j.error,
      d.id AS dossier_id, d.as_of, d.manifest_sha256, d.files, d.counts
    FROM long_jobs j LEFT JOIN dossiers d ON d.job_id = j.id
    WHERE j.case_id = $1 AND j.kind = $2 ORDER BY j.created_at DESC, j.id LIMIT $3`,
  jobInCase: `SELECT j.id AS job_id, j.status, j.created_by_name, j.created_at, j.finished_at, j.progress, j.error,
      d.id AS dossier_id, d.as_of, d.manifest_sha256, d.files, d.counts
    FROM long_jobs j LEFT JOIN dossiers d ON d.job_id = j.id WHERE j.id = $1 AND j.case_id = $2 AND j.kind = $3`,
};

export const dossiersRepo = (db: Queryable) => ({
  /** Idempotent per job: a retry that gets this far again finds the row it wrote. */
  insert: async (d: NewDossier) =>
    (await one<{ id: string }>(db, sql.insert, [
      d.case_id,
      d.job_id,
      d.created_by_name,
      d.as_of,
      JSON.stringify(d.files),
      d.manifest_sha256,
      JSON.stringify(d.counts),
      d.key_fingerprint,
    ]))!.id,
  byId: (id: string) => one<DossierRow>(db, sql.byId, [id]),
  byJob: (jobId: string) => one<DossierRow>(db, sql.byJob, [jobId]),
  list: (caseId: string, kind: string, limit: number) => many<DossierListRow>(db, sql.list, [caseId, kind, limit]),
  jobInCase: (jobId: string, caseId: string, kind: string) =>
    one<DossierListRow>(db, sql.jobInCase, [jobId, caseId, kind]),
});
