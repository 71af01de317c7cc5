import type { PgBoss } from 'pg-boss';
import type { AuditKey } from '../../storage/audit-key.ts';
import type { Pool } from '../../storage/db.ts';
import type { ObjectStore } from '../../storage/object-store/index.ts';
import type { IngestLimits } from '../ingest/limits.ts';
import type { VideoLimits } from '../video/limits.ts';

/** What every job handler is given: no config module, no HTTP, only the edges it needs. */
export type HandlerDeps = {
  pool: Pool;
  store: ObjectStore;
  boss: PgBoss;
  limits: IngestLimits;
  /** Video decoding (ffmpeg); absent: videos are stored and hashed, not decoded. */
  video?: VideoLimits;
  log: (line: string) => void;
  /** Debug-level lines (LOG_LEVEL=debug): every handler's outcome. Absent: not written. */
  debug?: (line: string) => void;
  /** Handlers that write audit entries themselves key them like the API does. */
  auditKey: AuditKey;
};

export type HandlerResult = { status: 'done' | 'skipped'; reason?: string };

/** Logs one job's outcome at debug level: done, skipped with its reason, or a recorded failure. */
export function logOutcome(deps: HandlerDeps, job: string, id: string, outcome: HandlerResult | Error): void {
  if (!deps.debug) return;
  if (outcome instanceof Error) deps.debug(`${job} ${id}: failed (${outcome.message})`);
  else deps.debug(`${job} ${id}: ${outcome.status}${outcome.reason ? ` (${outcome.reason})` : ''}`);
}
