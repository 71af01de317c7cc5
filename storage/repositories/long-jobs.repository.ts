// Long jobs: work that runs for minutes, with its status and progress on a row any process can read.
import { exec, many, one, type Queryable } from '../db.ts';

type LongJobStatus = 'queued' | 'running' | 'done' | 'failed';
export type UserMessage = { nl: string; en: string };

export type LongJobRow = {
  id: string;
  kind: string;
  status: LongJobStatus;
  owner_unit_id: number;
  case_id: string | null;
  created_by: string | null;
  created_by_name: string;
  params: Record<string, unknown>;
  input_key: string | null;
  input_sha256: string | null;
  input_size: number | null;
  output_key: string | null;
  progress: Record<string, number>;
  result: Record<string, unknown> | null;
  error: UserMessage | null;
  attempts: number;
  created_at: Date;
  started_at: Date | null;
  updated_at: Date;
  finished_at: Date | null;
};

export type NewLongJob = {
  kind: string;
  ownerUnitId: number;
  caseId?: string | null;
  createdBy: string | null;
  createdByName: string;
  params: Record<string, unknown>;
  input?: { key: string; sha256: string; size: number } | null;
};

const sql = {
  create: `INSERT INTO long_jobs
    (kind, owner_unit_id, case_id, created_by, created_by_name, params, input_key, input_sha256, input_size)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
  byId: 'SELECT * FROM long_jobs WHERE id = $1',
  // An attempt starts over: progress is reset, the count of attempts goes up. Finished jobs are never restarted.
  start: `UPDATE long_jobs SET status = 'running', attempts = attempts + 1, started_at = coalesce(started_at, now()),
    progress = '{}', updated_at = now() WHERE id = $1 AND status IN ('queued', 'running') RETURNING *`,
  progress: "UPDATE long_jobs SET progress = $2, updated_at = now() WHERE id = $1 AND status = 'running'",
  setResult: 'UPDATE long_jobs SET result = $2, updated_at = now() WHERE id = $1',
  finish: `UPDATE long_jobs SET status = 'done', result = coalesce($2, result), finished_at = now(), updated_at = now()
    WHERE id = $1 AND status IN ('queued', 'running')`,
  fail: `UPDATE long_jobs SET status = 'failed', error = $2, finished_at = now(), updated_at = now()
    WHERE id = $1 AND status IN ('queued', 'running')`,
  // Queued rows whose job was lost between the row's commit and the enqueue (a crash in between).
  stalledQueued: `SELECT id FROM long_jobs
    WHERE kind = $1 AND status = 'queued' AND updated_at < now() - make_interval(secs => $2)
    ORDER BY created_at LIMIT 100`,
};

export const longJobsRepo = (db: Queryable) => ({
  create: async (j: NewLongJob) =>
    (await one<{ id: string }>(db, sql.create, [
      j.kind,
      j.ownerUnitId,
      j.caseId ?? null,
      j.createdBy,
      j.createdByName,
      JSON.stringify(j.params),
      j.input?.key ?? null,
      j.input?.sha256 ?? null,
      j.input?.size ?? null,
    ]))!.id,
  byId: (id: string) => one<LongJobRow>(db, sql.byId, [id]),
  /** Marks an attempt as running; null when the job is finished (or unknown): nothing to do. */
  start: (id: string) => one<LongJobRow>(db, sql.start, [id]),
  progress: (id: string, progress: Record<string, number>) => exec(db, sql.progress, [id, JSON.stringify(progress)]),
  setResult: (id: string, result: Record<string, unknown>) => exec(db, sql.setResult, [id, JSON.stringify(result)]),
  finish: (id: string, result: Record<string, unknown> | null) =>
    exec(db, sql.finish, [id, result === null ? null : JSON.stringify(result)]),
  fail: (id: string, error: UserMessage) => exec(db, sql.fail, [id, JSON.stringify(error)]),
  stalledQueued: async (kind: string, olderThanSeconds: number) =>
    (await many<{ id: string }>(db, sql.stalledQueued, [kind, olderThanSeconds])).map((r) => r.id),
});
