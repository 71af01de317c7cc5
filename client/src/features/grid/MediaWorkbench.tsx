// The media grid screen: filters, the virtualised grid with its keyboard model, reveal mode, the
// detail panel and the help overlay. Categorisations persist at once and can be undone.
import {
  useCallback,
  useEffect,
  useMemo,
  useReducer,
  useRef,
  useState,
  useSyncExternalStore,
  type KeyboardEvent,
  type MouseEvent,
  type RefObject,
} from 'react';
import { endpoints } from '../../api/endpoints.ts';
import type { Case } from '../../api/types.ts';
import { useApp } from '../../app/AppContext.tsx';
import { place } from '../../app/place.ts';
import { navigate, useLocation } from '../../app/router.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { ErrorNote } from '../../ui/bits.tsx';
import { DetailPanel } from './DetailPanel.tsx';
import { FilterBar } from './FilterBar.tsx';
import { apiFilters, parseQuery, toQuery, type GridQuery } from './filters.ts';
import { gridReducer, initialGrid, type GridState } from './gridModel.ts';
import { GridToolbar } from './GridToolbar.tsx';
import { HelpOverlay } from './HelpOverlay.tsx';
import { commandFor, type Command } from './keymap.ts';
import { MediaPager } from './pager.ts';
import { Tile } from './Tile.tsx';
import { useGridActions } from './useGridActions.ts';
import { GAP, VirtualGrid } from './VirtualGrid.tsx';

type SavedGrid = { caseId: string; key: string; focus: number; selected: number[]; scrollTop: number };
const META_HEIGHT = 24;

function usePager(caseId: string, gq: GridQuery, key: string): MediaPager {
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

export function MediaWorkbench({ kase, onChanged }: { kase: Case; onChanged: () => void }) {
  const { t } = useI18n();
  const { settings, scheme, user } = useApp();
  const { query } = useLocation();
  const key = toQuery(parseQuery(query));
  const gq = useMemo(() => parseQuery(new URLSearchParams(key)), [key]);
  const pager = usePager(kase.id, gq, key);
  const [grid, dispatch] = useReducer(gridReducer, undefined, () => initialGrid());
  const [rowsPerPage, setRowsPerPage] = useState(4);
  const [detailOpen, setDetailOpen] = useState(false);
  const [help, setHelp] = useState(false);
  const [groupArmed, setGroupArmed] = useState(false);
  const scrollRef = useRef<HTMLDivElement | null>(null);
  const searchRef = useRef<HTMLInputElement | null>(null);
  const canWrite = kase.access === 'write';
  const showMedia = user.role !== 'prosecutor';
  const count = pager.count;
  const actions = useGridActions({ caseId: kase.id, pager, grid, dispatch, scheme, canWrite, showMedia, onChanged });
  const { focused, revealed } = actions;

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
  const { hideAll } = actions;
  useEffect(() => hideAll(), [grid.focus, key, hideAll]);
  usePlace(
    kase.id,
    key,
    grid,
    pager,
    (s) => dispatch({ type: 'restore', focus: s.focus, selected: s.selected }),
    scrollRef,
  );

  const onLayout = useCallback(
    (cols: number, rows: number) => {
      dispatch({ type: 'layout', cols, count: pager.count });
      setRowsPerPage(rows);
    },
    [pager],
  );
  const onRange = useCallback((_first: number, last: number) => pager.ensure(last), [pager]);
  const setQuery = useCallback(
    (q: GridQuery) => navigate(`/cases/${kase.id}/media${toQuery(q)}`, { replace: true }),
    [kase.id],
  );
  const refocus = useCallback(() => scrollRef.current?.focus(), []);

  function run(cmd: Command) {
    switch (cmd.kind) {
      case 'navigate':
        return dispatch({
          type: 'navigate',
          nav: cmd.nav,
          extend: cmd.extend,
          keepSelection: cmd.keepSelection,
          rowsPerPage,
        });
      case 'categorise':
        return void actions.categorise(cmd.key, cmd.group);
      case 'clear':
        return void actions.categorise(null, cmd.group);
      case 'armGroup':
        setGroupArmed(true);
        return actions.setMessage(t('grid.groupArmed'));
      case 'undo':
        return void actions.undoLast();
      case 'help':
        return setHelp(true);
      case 'reveal':
        return void actions.toggleReveal();
      case 'detail':
        return setDetailOpen((o) => !o);
      case 'search':
        return searchRef.current?.focus();
      case 'selectAll':
        return dispatch({ type: 'selectAll', upTo: pager.items.length });
      case 'toggle':
        return dispatch({ type: 'toggleFocused' });
      case 'escape':
        if (revealed.size) return actions.hideAll();
        if (detailOpen) return setDetailOpen(false);
        return dispatch({ type: 'clearSelection' });
    }
  }

  function onKeyDown(e: KeyboardEvent<HTMLDivElement>) {
    const cmd = commandFor(e, groupArmed);
    if (!cmd) return;
    e.preventDefault();
    if (cmd.kind !== 'armGroup' && groupArmed) setGroupArmed(false);
    run(cmd);
  }

  const onPick = useCallback((index: number, e: MouseEvent) => {
    dispatch({ type: 'click', index, shift: e.shiftKey, toggle: e.ctrlKey || e.metaKey });
    scrollRef.current?.focus({ preventScroll: true });
  }, []);
  const onOpen = useCallback((index: number) => {
    dispatch({ type: 'click', index });
    setDetailOpen(true);
  }, []);

  const size = settings.thumbSize;
  const renderTile = (i: number) => (
    <Tile
      key={pager.items[i]?.sha256 ?? `loading-${i}`}
      index={i}
      media={pager.items[i]}
      caseId={kase.id}
      size={size}
      focused={i === grid.focus}
      selected={grid.selected.has(i)}
      revealId={revealed.get(pager.items[i]?.sha256 ?? '') ?? null}
      showMedia={showMedia}
      onPick={onPick}
      onOpen={onOpen}
    />
  );

  return (
    <section className="workbench" aria-labelledby="grid-title">
      <h2 id="grid-title" className="sr-only">
        {t('case.tab.media')}
      </h2>
      <FilterBar caseId={kase.id} value={gq} onChange={setQuery} searchRef={searchRef} onLeave={refocus} />
      {revealed.size > 0 && (
        <p className="reveal-banner" role="status">
          <span aria-hidden="true">◉</span> {t('grid.revealMode')}
        </p>
      )}
      <GridToolbar
        count={count}
        loaded={pager.items.length}
        loading={pager.loading}
        selected={grid.selected.size}
        groupArmed={groupArmed}
        busy={actions.busy}
        message={actions.message}
        focus={grid.focus}
        focused={focused}
        detailOpen={detailOpen}
        onHelp={() => setHelp(true)}
        onDetail={() => setDetailOpen((o) => !o)}
      />
      <ErrorNote error={pager.error} onRetry={() => pager.retry()} />
      {pager.complete && count === 0 && <p className="empty">{t('grid.empty')}</p>}
      <div className="workbench-body">
        <VirtualGrid
          count={count}
          tileWidth={size}
          rowHeight={size + META_HEIGHT + GAP + 4}
          focus={grid.focus}
          scrollRef={scrollRef}
          onLayout={onLayout}
          onRange={onRange}
          renderTile={renderTile}
          role="grid"
          tabIndex={0}
          aria-label={t('grid.label')}
          aria-multiselectable
          aria-busy={pager.loading}
          aria-activedescendant={grid.focus >= 0 ? `tile-${grid.focus}` : undefined}
          onKeyDown={onKeyDown}
        />
        {detailOpen && (
          <DetailPanel
            caseId={kase.id}
            media={focused}
            revealId={revealed.get(focused?.sha256 ?? '') ?? null}
            showMedia={showMedia}
            canWrite={canWrite}
            onReveal={() => void actions.toggleReveal()}
            onClose={() => {
              setDetailOpen(false);
              refocus();
            }}
          />
        )}
      </div>
      {help && (
        <HelpOverlay
          onClose={() => {
            setHelp(false);
            refocus();
          }}
        />
      )}
    </section>
  );
}
