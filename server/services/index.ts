import type { Pool } from '../../storage/db.ts';
import type { ObjectStore } from '../../storage/object-store/index.ts';
import type { Config } from '../config.ts';
import { auditService } from './audit.service.ts';
import { authService } from './auth.service.ts';
import { casesService } from './cases.service.ts';
import { usersService } from './users.service.ts';
import { ingestService } from './ingest.service.ts';
import { itemsService } from './items.service.ts';
import type { PgBoss } from 'pg-boss';

export function createServices(pool: Pool, config: Config, store: ObjectStore, boss: PgBoss) {
  const audit = auditService(pool);
  const cases = casesService(pool, audit);
  return {
    audit,
    auth: authService(pool, config, audit),
    users: usersService(pool, audit),
    cases,
    ingest: ingestService(pool, store, boss, audit, cases),
    items: itemsService(pool, cases),
    store,
  };
}

export type Services = ReturnType<typeof createServices>;
