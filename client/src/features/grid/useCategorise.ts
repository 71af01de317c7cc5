// Categorisation effects for the grid: apply to items or whole near-duplicate groups, patch what is
// loaded, push the undo entry, and undo by putting each item's previous category back.
import { useCallback, type Dispatch } from 'react';
import { endpoints } from '../../api/endpoints.ts';
import type { CategoriseResult, Media } from '../../api/types.ts';
import type { SchemeDef } from '../../app/AppContext.tsx';
import type { GridAction, UndoEntry } from './gridModel.ts';
import type { MediaPager } from './pager.ts';

type Deps = {
  caseId: string;
  pager: MediaPager;
  scheme: SchemeDef | null;
  dispatch: Dispatch<GridAction>;
  onChanged: () => void;
};

function patchLoaded(pager: MediaPager, values: Map<string, string | null>): void {
  pager.patch((m: Media) =>
    values.has(m.sha256) ? { ...m, category: values.get(m.sha256)!, categorySource: 'manual', conflict: false } : null,
  );
}

export function useCategorise({ caseId, pager, scheme, dispatch, onChanged }: Deps) {
  /** Returns how many contents changed and in how many groups. `group`: every near-duplicate group the items belong to. */
  const apply = useCallback(
    async (items: Media[], category: string | null, group: boolean): Promise<{ n: number; groups: number }> => {
      if (!scheme || items.length === 0) return { n: 0, groups: 0 };
      const groups = group ? [...new Set(items.flatMap((m) => (m.nearGroup === null ? [] : [m.nearGroup])))] : [];
      const singles = group ? items.filter((m) => m.nearGroup === null) : items;
      const calls: Array<Promise<CategoriseResult>> = [];
      for (let i = 0; i < groups.length; i += 1000)
        calls.push(endpoints.categoriseGroups(caseId, groups.slice(i, i + 1000), category, scheme.id));
      for (let i = 0; i < singles.length; i += 5000)
        calls.push(
          endpoints.categorise(
            caseId,
            singles.slice(i, i + 5000).map((m) => m.sha256),
            category,
            scheme.id,
          ),
        );
      const results = await Promise.all(calls);
      const changes = results.flatMap((r) => r.changed);
      patchLoaded(pager, new Map(changes.map((c) => [c.sha256, category])));
      dispatch({ type: 'pushUndo', entry: { category, changes } });
      onChanged();
      return { n: changes.length, groups: groups.length };
    },
    [caseId, pager, scheme, dispatch, onChanged],
  );

  const undo = useCallback(
    async (entry: UndoEntry): Promise<number> => {
      if (!scheme) return 0;
      const byPrevious = new Map<string | null, string[]>();
      for (const c of entry.changes)
        byPrevious.set(c.previousCategory, [...(byPrevious.get(c.previousCategory) ?? []), c.sha256]);
      dispatch({ type: 'popUndo' });
      await Promise.all(
        [...byPrevious].map(([previous, shas]) => endpoints.categorise(caseId, shas, previous, scheme.id, true)),
      );
      patchLoaded(pager, new Map(entry.changes.map((c) => [c.sha256, c.previousCategory])));
      onChanged();
      return entry.changes.length;
    },
    [caseId, pager, scheme, dispatch, onChanged],
  );

  return { apply, undo };
}
