// The per-file view of a case: every item with its hashes, status and duplicate / near-duplicate group.
import type { Pool } from '../../storage/db.ts';
import { itemsRepo } from '../../storage/repositories/items.repository.ts';
import { presentItem, type ItemView } from '../presenters/items.ts';
import type { Actor } from './actor.ts';
import type { AuditService } from './audit.service.ts';
import type { CasesService } from './cases.service.ts';

export type { ItemView };

export function itemsService(pool: Pool, cases: CasesService, audit: AuditService) {
  const repo = itemsRepo(pool);
  return {
    async page(actor: Actor, caseId: string, afterId: number, limit: number): Promise<ItemView[]> {
      const c = await cases.open(actor, { id: caseId });
      const rows = await repo.pageForCase(c.id, afterId, limit);
      // One entry per page asked for, not per item: the listing is audited without flooding the log.
      await audit.record(actor, {
        action: 'items.list',
        targetType: 'case',
        targetId: c.number,
        caseId: c.id,
        details: { after: afterId, limit, count: rows.length },
      });
      return rows.map(presentItem);
    },
    /** Every item of a case in id order, page by page (bounded memory for millions of rows). */
    async *all(actor: Actor, caseId: string): AsyncIterable<ItemView> {
      const c = await cases.open(actor, { id: caseId });
      // Audited before the first line goes out: a listing cut short was still a listing.
      await audit.record(actor, {
        action: 'items.list',
        targetType: 'case',
        targetId: c.number,
        caseId: c.id,
        details: { all: true },
      });
      for (let after = 0; ;) {
        const rows = await repo.pageForCase(c.id, after, 2000);
        if (rows.length === 0) return;
        for (const row of rows) yield presentItem(row);
        after = rows[rows.length - 1]!.id;
      }
    },
    async summary(actor: Actor, caseId: string) {
      const c = await cases.open(actor, { id: caseId });
      const [totals, exact, near] = await Promise.all([
        repo.caseSummary(c.id),
        repo.exactGroups(c.id),
        repo.nearGroups(c.id),
      ]);
      return {
        files: totals.files,
        uniqueBlobs: totals.unique_blobs,
        images: totals.images,
        errors: totals.errors,
        exactDuplicateGroups: exact,
        nearDuplicateGroups: near,
      };
    },
  };
}
