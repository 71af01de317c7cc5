// The media grid screen's state: query from the URL, pager, grid model, actions, keyboard and panels.
import { useCallback, useMemo, useReducer, useRef, useState, type Dispatch } from 'react';
import type { Case } from '../../api/types.ts';
import { useApp } from '../../app/AppContext.tsx';
import { navigate, useLocation } from '../../app/router.tsx';
import { useSubjectPicker } from '../board/useSubjectPicker.ts';
import { parseQuery, toQuery, type GridQuery } from './filters.ts';
import { gridReducer, initialGrid, targets, type GridAction } from './gridModel.ts';
import type { MediaPager } from './pager.ts';
import { useGridActions } from './useGridActions.ts';
import { useGridKeys } from './useGridKeys.ts';
import { useGridSync, usePager } from './useGridSync.ts';

/** Columns and rows per page follow the grid's size; the visible range drives paging. */
function useGridLayout(pager: MediaPager, dispatch: Dispatch<GridAction>) {
  const [rowsPerPage, setRowsPerPage] = useState(4);
  const onLayout = useCallback(
    (cols: number, rows: number) => {
      dispatch({ type: 'layout', cols, count: pager.count });
      setRowsPerPage(rows);
    },
    [pager],
  );
  const onRange = useCallback((_first: number, last: number) => pager.ensure(last), [pager]);
  return { rowsPerPage, onLayout, onRange };
}

function useGridQuery() {
  const { query } = useLocation();
  const key = toQuery(parseQuery(query));
  const gq = useMemo(() => parseQuery(new URLSearchParams(key)), [key]);
  return { key, gq };
}

/** The detail panel and the help overlay, each opened and closed from keys and buttons. */
function usePanels() {
  const [detailOpen, setDetailOpen] = useState(false);
  const [help, setHelp] = useState(false);
  return { detailOpen, setDetailOpen, help, setHelp };
}

export function useWorkbench(kase: Case, onChanged: () => void) {
  const { scheme, user } = useApp();
  const { key, gq } = useGridQuery();
  const pager = usePager(kase.id, gq, key);
  const [grid, dispatch] = useReducer(gridReducer, undefined, () => initialGrid());
  const panels = usePanels();
  const scrollRef = useRef<HTMLDivElement | null>(null);
  const searchRef = useRef<HTMLInputElement | null>(null);
  const canWrite = kase.access === 'write';
  const showMedia = user.role !== 'prosecutor';
  const actions = useGridActions({ caseId: kase.id, pager, grid, dispatch, scheme, canWrite, showMedia, onChanged });
  useGridSync({ caseId: kase.id, key, pager, grid, dispatch, hideAll: actions.hideAll, scrollRef });
  const layout = useGridLayout(pager, dispatch);
  const refocusGrid = () => scrollRef.current?.focus();
  const selectedMedia = () => targets(grid).flatMap((i) => (pager.items[i] ? [pager.items[i]!] : []));
  const picker = useSubjectPicker({
    caseId: kase.id,
    canWrite,
    selectedMedia,
    setMessage: actions.setMessage,
    refocus: refocusGrid,
  });
  const keys = useGridKeys({
    dispatch,
    actions,
    pager,
    rowsPerPage: layout.rowsPerPage,
    searchRef,
    onAttach: picker.open,
    ...panels,
  });
  const setQuery = useCallback(
    (q: GridQuery) => navigate(`/cases/${kase.id}/media${toQuery(q)}`, { replace: true }),
    [kase.id],
  );
  const refocus = useCallback(() => scrollRef.current?.focus(), []);
  return {
    gq,
    pager,
    grid,
    dispatch,
    actions,
    scrollRef,
    searchRef,
    showMedia,
    canWrite,
    setQuery,
    refocus,
    panels,
    layout,
    keys,
    picker,
  };
}

export type Workbench = ReturnType<typeof useWorkbench>;
