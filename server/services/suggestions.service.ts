// Suggestions "possibly the same victim / series" for the leads of cases whose media match a victim's or series'
// media elsewhere. The source case shows through disclosure (hit/no-hit unless the lead may open it); showing,
// accepting and dismissing are audited.
import { inTransaction, type Pool } from '../../storage/db.ts';
import {
  suggestionsRepo,
  type SuggestionRow,
  type SuggestionState,
} from '../../storage/repositories/suggestions.repository.ts';
import { NotFound } from '../errors.ts';
import { presentSuggestion } from '../presenters/subjects.ts';
import type { Actor } from './actor.ts';
import type { AuditService } from './audit.service.ts';
import type { Disclosure } from './disclosure.ts';

type Deps = { pool: Pool; audit: AuditService; disclosure: Disclosure };

const NO_SUGGESTION = {
  nl: 'Deze suggestie bestaat niet of is niet voor u. Ververs de lijst.',
  en: 'This suggestion does not exist or is not for you. Reload the list.',
};

/** Suggestions go to leads: only they decide whether their case joins a victim or series elsewhere. */
const recipient = (actor: Actor) => (actor.role === 'lead' && actor.id ? actor.id : null);

export function suggestionsService({ pool, audit, disclosure }: Deps) {
  const repo = suggestionsRepo(pool);

  async function present(actor: Actor, rows: SuggestionRow[]) {
    const ownerOf = disclosure.forActor(actor);
    return Promise.all(rows.map(async (r) => presentSuggestion(r, await ownerOf(r.source_case_id))));
  }

  /** One view entry per recipient case, naming the suggestions shown and whether their source was visible. */
  async function auditShown(actor: Actor, shown: Awaited<ReturnType<typeof present>>) {
    const byCase = new Map<string, typeof shown>();
    for (const s of shown) byCase.set(s.case.id, [...(byCase.get(s.case.id) ?? []), s]);
    for (const [caseId, list] of byCase) {
      const details = { ids: list.map((s) => s.id), hidden: list.filter((s) => !s.source.visible).length };
      await audit.record(actor, { action: 'suggestion.view', targetType: 'case', caseId, details });
    }
  }

  return {
    async list(actor: Actor, state: SuggestionState | 'all' = 'open') {
      const userId = recipient(actor);
      if (!userId) return { suggestions: [] };
      const rows = await repo.forRecipient(userId, actor.unitId, state === 'all' ? null : state, 200);
      const suggestions = await present(actor, rows);
      await auditShown(actor, suggestions);
      return { suggestions };
    },

    async decide(actor: Actor, id: number, state: 'accepted' | 'dismissed') {
      const userId = recipient(actor);
      const row = userId ? await repo.oneForRecipient(userId, actor.unitId, id) : null;
      if (!userId || !row) throw new NotFound(NO_SUGGESTION);
      await inTransaction(pool, async (tx) => {
        await suggestionsRepo(tx).decide(id, state, userId);
        const action = state === 'accepted' ? 'suggestion.accept' : 'suggestion.dismiss';
        const details = { kind: row.kind, sourceCaseId: row.source_case_id, links: row.link_count };
        await audit.record(
          actor,
          { action, targetType: 'suggestion', targetId: String(id), caseId: row.target_case_id, details },
          tx,
        );
      });
      const [shown] = await present(actor, [(await repo.oneForRecipient(userId, actor.unitId, id))!]);
      return shown!;
    },
  };
}
