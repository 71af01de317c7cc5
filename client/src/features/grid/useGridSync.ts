// Keeps the grid state, the pager and the saved place in step: paging follows focus and layout, and
// focus, selection and scroll come back after a reload or a new sign-in.
import { useEffect, useMemo, useRef, useSyncExternalStore, type Dispatch, type RefObject } from 'react';
import { endpoints } from '../../api/endpoints.ts';
import { place } from '../../app/place.ts';
import { apiFilters, type GridQuery } from './filters.ts';
import type { GridAction, GridState } from './gridModel.ts';
import { MediaPager } from './pager.ts';

type SavedGrid = { caseId: string; key: string; focus: number; selected: number[]; scrollTop: number };

export function usePager(caseId: string, gq: GridQuery, key: string): MediaPager {
  const pager = useMemo(
    () =>
      new MediaPager((after, limit, signal) =>
        endpoints.media(caseId, { ...apiFilters(gq.filters), sort: gq.sort, after, limit }, signal),
      ),
    [caseId, key],
  );
  useEffect(() => () => pager.dispose(), [pager]);
  useSyncExternalStore(pager.subscribe, pager.getVersion);
  return pager;
}

/** Keeps focus, selection and scroll in the saved place, and puts them back after a reload or sign-in. */
function usePlace(
  caseId: string,
  key: string,
  grid: GridState,
  pager: MediaPager,
  restore: (s: SavedGrid) => void,
  scrollRef: RefObject<HTMLDivElement | null>,
) {
  const latest = useRef(grid);
  latest.current = grid;
  useEffect(
    () =>
      place.register(
        'grid',
        () =>
          ({
            caseId,
            key,
            focus: latest.current.focus,
            selected: [...latest.current.selected].slice(0, 5000),
            scrollTop: scrollRef.current?.scrollTop ?? 0,
          }) satisfies SavedGrid,
      ),
    [caseId, key, scrollRef],
  );
  const pending = useRef<SavedGrid | null>(null);
  useEffect(() => {
    const saved = place.peek<SavedGrid>('grid');
    pending.current = saved && saved.caseId === caseId && saved.key === key && saved.focus >= 0 ? saved : null;
  }, [caseId, key]);
  useEffect(() => {
    const saved = pending.current;
    if (!saved) return;
    if (pager.items.length <= saved.focus && !pager.complete) {
      pager.ensure(saved.focus);
      return;
    }
    // The grid's own count must cover the saved focus too: 'restore' is a no-op on an empty grid, and
    // the pager can be a render ahead of the grid state.
    if (grid.count <= saved.focus && (grid.count === 0 || !pager.complete)) return;
    pending.current = null;
    place.forget('grid');
    if (scrollRef.current) scrollRef.current.scrollTop = saved.scrollTop;
    restore(saved);
  });
}

type SyncDeps = {
  caseId: string;
  key: string;
  pager: MediaPager;
  grid: GridState;
  dispatch: Dispatch<GridAction>;
  hideAll: () => void;
  scrollRef: RefObject<HTMLDivElement | null>;
};

export function useGridSync({ caseId, key, pager, grid, dispatch, hideAll, scrollRef }: SyncDeps) {
  const count = pager.count;
  // Keyboard-first: the grid has focus as soon as the screen opens.
  useEffect(() => {
    scrollRef.current?.focus({ preventScroll: true });
  }, []);
  useEffect(() => {
    dispatch({ type: 'reset', count: 0 });
    pager.ensure(0);
  }, [pager]);
  useEffect(() => {
    dispatch({ type: 'layout', cols: grid.cols, count });
  }, [count, grid.cols]);
  useEffect(() => {
    if (grid.focus >= 0) pager.ensure(grid.focus);
  }, [grid.focus, pager]);
  // Reveal lasts only while the analyst stays on that item.
  useEffect(() => hideAll(), [grid.focus, key, hideAll]);
  usePlace(
    caseId,
    key,
    grid,
    pager,
    (s) => dispatch({ type: 'restore', focus: s.focus, selected: s.selected }),
    scrollRef,
  );
}
