import type { PgBoss } from 'pg-boss';
import type { AuditKey } from '../../storage/audit-key.ts';
import type { Pool } from '../../storage/db.ts';
import type { ObjectStore } from '../../storage/object-store/index.ts';
import type { IngestLimits } from '../ingest/limits.ts';

/** What every job handler is given: no config module, no HTTP, only the edges it needs. */
export type HandlerDeps = {
  pool: Pool;
  store: ObjectStore;
  boss: PgBoss;
  limits: IngestLimits;
  log: (line: string) => void;
  /** Handlers that write audit entries themselves key them like the API does. */
  auditKey: AuditKey;
};

export type HandlerResult = { status: 'done' | 'skipped'; reason?: string };
