// The VICS 2.0 #Cases export of a case: every unique file with its hashes, paths and known category.
import type { Writable } from 'node:stream';
import type { Pool } from '../../storage/db.ts';
import type { VicsExportSummary } from '../schemas/export.ts';
import { exportRepo, type ExportMediaRow as Row } from '../../storage/repositories/export.repository.ts';
import { writeVicsCases, type VicsMediaOut } from '../../workers/formats/vics-writer.ts';
import type { Actor } from './actor.ts';
import type { AuditService } from './audit.service.ts';
import type { CasesService } from './cases.service.ts';
import { DEFAULT_SCHEME } from './categories.ts';
import { UnmappedTally, type UnmappedCategories } from './export-categories.ts';

type CaseRef = { id?: string; number?: string };

/** One content of a case as a VICS media record (also the dossier's vics.json). */
export const toMedia = (r: Row, unmapped: UnmappedTally): VicsMediaOut => ({
  md5: r.md5,
  sha1: r.sha1,
  sha256: r.sha256,
  pdq: r.pdq,
  mediaSize: r.size,
  category: unmapped.map(r.scheme ?? DEFAULT_SCHEME, r.category),
  relativeFilePath: r.paths[0] ?? null,
  files: r.paths,
  mimeType: r.mime,
  series: r.series,
  victimIdentified: r.victim_identified,
});

export function exportService(pool: Pool, cases: CasesService, audit: AuditService) {
  async function* media(caseId: string, unmapped: UnmappedTally): AsyncIterable<VicsMediaOut> {
    for (let after = 0; ;) {
      const rows = await exportRepo(pool).mediaPage(caseId, after, 1000);
      if (rows.length === 0) return;
      for (const r of rows) yield toMedia(r, unmapped);
      after = rows[rows.length - 1]!.id;
    }
  }

  return {
    /** Told before the download starts (it streams): counted from the case's categories now. */
    async vicsSummary(actor: Actor, caseRef: CaseRef): Promise<VicsExportSummary> {
      const c = await cases.open(actor, caseRef);
      const unmapped = new UnmappedTally();
      let categorised = 0;
      for (const row of await exportRepo(pool).categoryCounts(c.id)) {
        categorised += row.n;
        unmapped.map(row.scheme, row.category, row.n);
      }
      return { case: c.number, profile: 'US', categorised, unmappedCategories: unmapped.toJSON() };
    },

    /** Writes the export; `unmappedCategories` counts what was written without a Category, per scheme. */
    async vics(
      actor: Actor,
      caseRef: CaseRef,
      out: Writable,
    ): Promise<{ media: number; bytes: number; unmappedCategories: UnmappedCategories }> {
      const c = await cases.open(actor, caseRef);
      // Recorded before the first byte leaves, so an export that is cut off is still in the trail.
      await audit.record(actor, {
        action: 'case.export',
        targetType: 'case',
        targetId: c.number,
        caseId: c.id,
        details: { format: 'vics' },
      });
      const unmapped = new UnmappedTally();
      const written = await writeVicsCases(
        out,
        {
          caseNumber: c.number,
          contactOrganization: c.unit_name,
          sourceApplicationName: 'Spoor',
          sourceApplicationVersion: '0.1.0',
        },
        media(c.id, unmapped),
      );
      return { ...written, unmappedCategories: unmapped.toJSON() };
    },
  };
}
