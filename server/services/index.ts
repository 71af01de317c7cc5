import type { Pool } from '../../storage/db.ts';
import type { ObjectStore } from '../../storage/object-store/index.ts';
import type { Config } from '../config.ts';
import { auditService } from './audit.service.ts';
import { authService } from './auth.service.ts';
import { casesService } from './cases.service.ts';
import { usersService } from './users.service.ts';

export function createServices(pool: Pool, config: Config, store: ObjectStore) {
  const audit = auditService(pool);
  return {
    audit,
    auth: authService(pool, config, audit),
    users: usersService(pool, audit),
    cases: casesService(pool, audit),
    store,
  };
}

export type Services = ReturnType<typeof createServices>;
