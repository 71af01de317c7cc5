import type { Pool } from '../../storage/db.ts';
import type { ObjectStore } from '../../storage/object-store/index.ts';
import type { Config } from '../config.ts';
import type { AuditService } from './audit.service.ts';
import { authService } from './auth.service.ts';
import { casesService } from './cases.service.ts';
import { usersService } from './users.service.ts';
import { ingestService } from './ingest.service.ts';
import { itemsService } from './items.service.ts';
import { hashSetsService } from './hashsets.service.ts';
import { lookupService } from './lookup.service.ts';
import { disclosure } from './disclosure.ts';
import { exportService } from './export.service.ts';
import { dossiersService } from './dossiers.service.ts';
import { mediaService } from './media.service.ts';
import { videoService } from './video.service.ts';
import { devicesService } from './devices.service.ts';
import { placesService } from './places.service.ts';
import { reportsService } from './reports.service.ts';
import { reportAttachmentsService } from './report-attachments.service.ts';
import { reportAttachmentViews } from './report-attachment-views.ts';
import { signalsService } from './signals.service.ts';
import { selectorLookup } from './selector-lookup.ts';
import { selectorsAdminService } from './selectors-admin.service.ts';
import { caseTextService } from './case-text.service.ts';
import { caseSelectorsService } from './case-selectors.service.ts';
import { subjectsService } from './subjects.service.ts';
import { suggestionsService } from './suggestions.service.ts';
import { clueNotesService } from './clue-notes.service.ts';
import type { PgBoss } from 'pg-boss';
import { PdqIndexes } from '../../workers/matching/pdq-indexes.ts';

// The audit service comes ready-made: the runtime loads its key and anchors the log before anything is served.
export function createServices(pool: Pool, config: Config, store: ObjectStore, boss: PgBoss, audit: AuditService) {
  const cases = casesService(pool, audit);
  // One set of in-memory PDQ indexes per process, shared by lookups and the matching workers.
  const indexes = new PdqIndexes(pool);
  const disclose = disclosure(pool, cases);
  return {
    indexes,
    audit,
    auth: authService(pool, config, audit),
    users: usersService(pool, audit),
    cases,
    disclosure: disclose,
    ingest: ingestService(pool, store, boss, audit, cases),
    items: itemsService(pool, cases, audit),
    hashSets: hashSetsService(pool, store, boss, audit),
    lookup: {
      ...lookupService(pool, boss, indexes, cases, audit, disclose),
      bySelector: selectorLookup({ pool, audit, disclosure: disclose }),
    },
    exports: exportService(pool, cases, audit),
    dossiers: dossiersService({ pool, store, boss, audit, cases, keyDir: config.dossier.keyDir }),
    media: mediaService(pool, store, cases, audit, { revealSeconds: config.revealSeconds }),
    video: videoService({ pool, store, cases, audit, revealSeconds: config.revealSeconds }),
    devices: devicesService({ pool, cases, audit, disclosure: disclose }),
    places: placesService(pool, cases, audit),
    reports: reportsService(pool, boss, audit),
    reportAttachments: reportAttachmentsService({ pool, boss, audit, store }),
    reportAttachmentViews: reportAttachmentViews({ pool, boss, audit, store, revealSeconds: config.revealSeconds }),
    signals: signalsService(pool, audit, disclose),
    caseText: caseTextService({ pool, cases, audit, disclosure: disclose }),
    caseSelectors: caseSelectorsService({ pool, cases, audit, disclosure: disclose }),
    selectorsAdmin: selectorsAdminService(pool, audit, { auditKey: audit.key, hubs: config.hubs }),
    subjects: subjectsService({ pool, boss, cases, audit }),
    suggestions: suggestionsService({ pool, audit, disclosure: disclose }),
    clueNotes: clueNotesService({ pool, cases, audit }),
    store,
  };
}

export type Services = ReturnType<typeof createServices>;
