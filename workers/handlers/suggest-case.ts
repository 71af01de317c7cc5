// case.suggest: recomputes the suggestions "possibly the same victim / series" that a case's victims and series
// give the leads of other cases whose media match theirs. Whole-case recompute under a lock: reruns are harmless.
import type { PgBoss } from 'pg-boss';
import { inTransaction, type Pool } from '../../storage/db.ts';
import { casesRepo } from '../../storage/repositories/cases.repository.ts';
import { suggestionsRepo } from '../../storage/repositories/suggestions.repository.ts';
import { enqueueMany } from '../jobs.ts';
import type { HandlerResult } from './deps.ts';

export async function suggestForCase(deps: { pool: Pool }, caseId: string): Promise<HandlerResult> {
  if (!(await casesRepo(deps.pool).byId(caseId))) return { status: 'skipped', reason: 'case deleted' };
  const changed = await inTransaction(deps.pool, async (tx) => {
    const repo = suggestionsRepo(tx);
    await repo.lockCase(caseId);
    return (await repo.upsertForCase(caseId)) + (await repo.pruneForCase(caseId));
  });
  return changed > 0 ? { status: 'done' } : { status: 'skipped', reason: 'unchanged' };
}

/** After matching a case: it and every linked case holding victims or series may now suggest something new. */
export async function requestSuggestions(deps: { pool: Pool; boss: PgBoss }, caseId: string): Promise<void> {
  const repo = suggestionsRepo(deps.pool);
  const cases = await repo.linkedCasesWithSubjects(caseId);
  if (await repo.hasSubjects(caseId)) cases.push(caseId);
  await enqueueMany(
    deps.boss,
    'case.suggest',
    cases.map((id) => ({ caseId: id })),
  );
}
