// The media grid screen's parts, each drawn from the screen's state (useWorkbench): toolbar, grid, detail.
import { useCallback, type MouseEvent } from 'react';
import { useApp } from '../../app/AppContext.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { DetailPanel } from './DetailPanel.tsx';
import { GridToolbar } from './GridToolbar.tsx';
import { Tile } from './Tile.tsx';
import type { Workbench } from './useWorkbench.ts';
import { GAP, VirtualGrid } from './VirtualGrid.tsx';

const META_HEIGHT = 24;

export function WorkbenchToolbar({ wb }: { wb: Workbench }) {
  const { pager, grid, actions, panels } = wb;
  return (
    <GridToolbar
      count={pager.count}
      loaded={pager.items.length}
      loading={pager.loading}
      selected={grid.selected.size}
      groupArmed={wb.keys.groupArmed}
      busy={actions.busy}
      message={actions.message}
      focus={grid.focus}
      focused={actions.focused}
      detailOpen={panels.detailOpen}
      onHelp={() => panels.setHelp(true)}
      onDetail={() => panels.setDetailOpen((o) => !o)}
    />
  );
}

export function WorkbenchGrid({ wb, caseId }: { wb: Workbench; caseId: string }) {
  const { t } = useI18n();
  const { settings } = useApp();
  const { pager, grid, dispatch, scrollRef, actions } = wb;
  const { setDetailOpen } = wb.panels;
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
      caseId={caseId}
      size={size}
      focused={i === grid.focus}
      selected={grid.selected.has(i)}
      revealId={actions.revealed.get(pager.items[i]?.sha256 ?? '') ?? null}
      showMedia={wb.showMedia}
      onPick={onPick}
      onOpen={onOpen}
    />
  );
  return (
    <VirtualGrid
      count={pager.count}
      tileWidth={size}
      rowHeight={size + META_HEIGHT + GAP + 4}
      focus={grid.focus}
      scrollRef={scrollRef}
      onLayout={wb.layout.onLayout}
      onRange={wb.layout.onRange}
      renderTile={renderTile}
      role="grid"
      tabIndex={0}
      aria-label={t('grid.label')}
      aria-multiselectable
      aria-busy={pager.loading}
      aria-activedescendant={grid.focus >= 0 ? `tile-${grid.focus}` : undefined}
      onKeyDown={wb.keys.onKeyDown}
    />
  );
}

export function WorkbenchDetail({ wb, caseId }: { wb: Workbench; caseId: string }) {
  const { actions, panels } = wb;
  const { focused, revealed } = actions;
  return (
    <DetailPanel
      caseId={caseId}
      media={focused}
      revealId={revealed.get(focused?.sha256 ?? '') ?? null}
      showMedia={wb.showMedia}
      canWrite={wb.canWrite}
      textQuery={wb.gq.filters.text}
      onReveal={() => void actions.toggleReveal()}
      onClose={() => {
        panels.setDetailOpen(false);
        wb.refocus();
      }}
    />
  );
}
