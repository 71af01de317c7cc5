// The grid's keyboard: turns a key press into a command (keymap.ts) and carries it out.
import { useState, type Dispatch, type KeyboardEvent, type RefObject, type SetStateAction } from 'react';
import { useI18n, type Translate } from '../../i18n/index.tsx';
import type { GridAction } from './gridModel.ts';
import { commandFor, type Command } from './keymap.ts';
import type { MediaPager } from './pager.ts';
import type { GridActions } from './useGridActions.ts';

type Deps = {
  dispatch: Dispatch<GridAction>;
  actions: GridActions;
  pager: MediaPager;
  rowsPerPage: number;
  detailOpen: boolean;
  setDetailOpen: Dispatch<SetStateAction<boolean>>;
  setHelp: (open: boolean) => void;
  searchRef: RefObject<HTMLInputElement | null>;
  /** V and S: attach the selection (after G: its groups) to a victim or series. */
  onAttach: (subject: 'victim' | 'series', group: boolean) => void;
};

type RunContext = Deps & { setGroupArmed: (armed: boolean) => void; t: Translate };

function runCommand(cmd: Command, c: RunContext) {
  const { dispatch, actions } = c;
  switch (cmd.kind) {
    case 'navigate':
      return dispatch({
        type: 'navigate',
        nav: cmd.nav,
        extend: cmd.extend,
        keepSelection: cmd.keepSelection,
        rowsPerPage: c.rowsPerPage,
      });
    case 'categorise':
      return void actions.categorise(cmd.key, cmd.group);
    case 'clear':
      return void actions.categorise(null, cmd.group);
    case 'armGroup':
      c.setGroupArmed(true);
      return actions.setMessage(c.t('grid.groupArmed'));
    case 'undo':
      return void actions.undoLast();
    case 'help':
      return c.setHelp(true);
    case 'reveal':
      return void actions.toggleReveal();
    case 'detail':
      return c.setDetailOpen((o) => !o);
    case 'search':
      return c.searchRef.current?.focus();
    case 'selectAll':
      return dispatch({ type: 'selectAll', upTo: c.pager.items.length });
    case 'toggle':
      return dispatch({ type: 'toggleFocused' });
    case 'attach':
      return c.onAttach(cmd.subject, cmd.group);
    case 'escape':
      if (actions.revealed.size) return actions.hideAll();
      if (c.detailOpen) return c.setDetailOpen(false);
      return dispatch({ type: 'clearSelection' });
  }
}

export function useGridKeys(deps: Deps) {
  const { t } = useI18n();
  const [groupArmed, setGroupArmed] = useState(false);

  function onKeyDown(e: KeyboardEvent<HTMLDivElement>) {
    const cmd = commandFor(e, groupArmed);
    if (!cmd) return;
    e.preventDefault();
    if (cmd.kind !== 'armGroup' && groupArmed) setGroupArmed(false);
    runCommand(cmd, { ...deps, setGroupArmed, t });
  }

  return { groupArmed, onKeyDown };
}
