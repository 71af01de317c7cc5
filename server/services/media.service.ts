// The workbench's media use cases: the keyset grid, detail, thumbnails, reveal, categorisation, notes,
// near groups and case counts. Every route opens the case first, so outsiders get 404 (need-to-know).
import type { Pool } from '../../storage/db.ts';
import type { ObjectStore } from '../../storage/object-store/index.ts';
import type { AuditService } from './audit.service.ts';
import type { CasesService } from './cases.service.ts';
import { mediaDeps } from './media-deps.ts';
import { mediaEditService } from './media-edit.service.ts';
import { mediaGridService } from './media-grid.service.ts';
import { mediaViewService } from './media-view.service.ts';
import type { ThumbnailOptions } from './thumbnails.ts';

export function mediaService(
  pool: Pool,
  store: ObjectStore,
  cases: CasesService,
  audit: AuditService,
  thumbnailOptions: ThumbnailOptions = { revealSeconds: 120 },
) {
  const deps = mediaDeps(pool, store, cases, audit);
  return { ...mediaGridService(deps), ...mediaViewService(deps, thumbnailOptions), ...mediaEditService(deps) };
}
