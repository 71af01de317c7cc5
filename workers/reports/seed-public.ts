// The default public selectors (workers/selectors/public-list.ts) into public_selectors, at every start: new
// defaults arrive with an upgrade, and entries an administrator removed stay removed (they are kept as removed).
import type { Queryable } from '../../storage/db.ts';
import { publicSelectorsRepo } from '../../storage/repositories/public-selectors.repository.ts';
import { DEFAULT_PUBLIC_SELECTORS } from '../selectors/public-list.ts';

export const seedPublicSelectors = (db: Queryable) => publicSelectorsRepo(db).seed(DEFAULT_PUBLIC_SELECTORS);
