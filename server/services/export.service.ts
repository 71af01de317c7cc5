// The VICS 2.0 #Cases export of a case: every unique file with its hashes, paths and known category.
import type { Writable } from 'node:stream';
import type { Pool } from '../../storage/db.ts';
import { exportRepo, type ExportMediaRow as Row } from '../../storage/repositories/export.repository.ts';
import { writeVicsCases, type VicsMediaOut } from '../../workers/formats/vics-writer.ts';
import type { Actor } from './actor.ts';
import type { AuditService } from './audit.service.ts';
import type { CasesService } from './cases.service.ts';

/** Only VICS 2.0 categories (0–4) go into a VICS 2.0 file; anything else is exported as uncategorised. */
const vicsCategory = (r: Row) =>
  r.category !== null && (r.scheme ?? 'vics2').startsWith('vics2') && /^[0-4]$/.test(r.category)
    ? Number(r.category)
    : null;

export function exportService(pool: Pool, cases: CasesService, audit: AuditService) {
  async function* media(caseId: string): AsyncIterable<VicsMediaOut> {
    for (let after = 0; ;) {
      const rows = await exportRepo(pool).mediaPage(caseId, after, 1000);
      if (rows.length === 0) return;
      for (const r of rows) {
        yield {
          md5: r.md5,
          sha1: r.sha1,
          sha256: r.sha256,
          pdq: r.pdq,
          mediaSize: r.size,
          category: vicsCategory(r),
          relativeFilePath: r.paths[0] ?? null,
          files: r.paths,
          mimeType: r.mime,
          series: r.series,
          victimIdentified: r.victim_identified,
        };
      }
      after = rows[rows.length - 1]!.id;
    }
  }

  return {
    async vics(
      actor: Actor,
      caseRef: { id?: string; number?: string },
      out: Writable,
    ): Promise<{ media: number; bytes: number }> {
      const c = await cases.open(actor, caseRef);
      // Recorded before the first byte leaves, so an export that is cut off is still in the trail.
      await audit.record(actor, {
        action: 'case.export',
        targetType: 'case',
        targetId: c.number,
        caseId: c.id,
        details: { format: 'vics' },
      });
      return writeVicsCases(
        out,
        {
          caseNumber: c.number,
          contactOrganization: c.unit_name,
          sourceApplicationName: 'Spoor',
          sourceApplicationVersion: '0.1.0',
        },
        media(c.id),
      );
    },
  };
}
