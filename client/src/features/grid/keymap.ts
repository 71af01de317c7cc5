// Key → command, as a pure function so the help overlay, the grid and the tests agree on one table.
import type { Nav } from './gridModel.ts';

export type KeyInput = {
  key: string;
  code: string;
  shiftKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
};

export type Command =
  | { kind: 'navigate'; nav: Nav; extend: boolean; keepSelection: boolean }
  | { kind: 'categorise'; key: string; group: boolean }
  | { kind: 'clear'; group: boolean }
  | { kind: 'armGroup' }
  | { kind: 'undo' }
  | { kind: 'help' }
  | { kind: 'reveal' }
  | { kind: 'detail' }
  | { kind: 'escape' }
  | { kind: 'search' }
  | { kind: 'selectAll' }
  | { kind: 'toggle' }
  | { kind: 'attach'; subject: 'victim' | 'series'; group: boolean };

const ARROWS: Record<string, Nav> = {
  ArrowLeft: 'left',
  ArrowRight: 'right',
  ArrowUp: 'up',
  ArrowDown: 'down',
  PageUp: 'pageUp',
  PageDown: 'pageDown',
};

/** `groupArmed`: `g` was pressed just before, so the next category key applies to the whole near-duplicate group. */
export function commandFor(e: KeyInput, groupArmed = false): Command | null {
  if (e.altKey) return null;
  const mod = e.ctrlKey || e.metaKey;
  const nav = ARROWS[e.key];
  if (nav) return { kind: 'navigate', nav, extend: e.shiftKey, keepSelection: mod };
  if (e.key === 'Home' || e.key === 'End') {
    return {
      kind: 'navigate',
      nav: e.key === 'Home' ? (mod ? 'first' : 'rowStart') : mod ? 'last' : 'rowEnd',
      extend: e.shiftKey,
      keepSelection: false,
    };
  }
  if (mod) {
    if (e.code === 'KeyZ' && !e.shiftKey) return { kind: 'undo' };
    if (e.code === 'KeyA') return { kind: 'selectAll' };
    if (e.key === ' ') return { kind: 'toggle' };
    return null;
  }
  const digit = /^(?:Digit|Numpad)(\d)$/.exec(e.code);
  if (digit) return { kind: 'categorise', key: digit[1]!, group: e.shiftKey || groupArmed };
  if (e.code === 'KeyX' || e.key === 'Delete') return { kind: 'clear', group: e.shiftKey || groupArmed };
  if (e.key === '?') return { kind: 'help' };
  if (e.key === 'Escape') return { kind: 'escape' };
  if (e.key === 'Enter') return { kind: 'detail' };
  if (e.key === ' ') return { kind: 'toggle' };
  if (e.key === '/') return { kind: 'search' };
  if (e.shiftKey) return null;
  switch (e.code) {
    case 'KeyG':
      return { kind: 'armGroup' };
    case 'KeyU':
      return { kind: 'undo' };
    case 'KeyR':
      return { kind: 'reveal' };
    case 'KeyI':
      return { kind: 'detail' };
    case 'KeyV':
      return { kind: 'attach', subject: 'victim', group: groupArmed };
    case 'KeyS':
      return { kind: 'attach', subject: 'series', group: groupArmed };
    default:
      return null;
  }
}

/** The help overlay's table: message keys for the key and for what it does. */
export const KEY_HELP = [
  ['help.keys.arrows', 'help.do.arrows'],
  ['help.keys.shiftArrows', 'help.do.shiftArrows'],
  ['help.keys.ctrlArrows', 'help.do.ctrlArrows'],
  ['help.keys.homeEnd', 'help.do.homeEnd'],
  ['help.keys.page', 'help.do.page'],
  ['help.keys.click', 'help.do.click'],
  ['help.keys.space', 'help.do.space'],
  ['help.keys.selectAll', 'help.do.selectAll'],
  ['help.keys.digits', 'help.do.digits'],
  ['help.keys.clear', 'help.do.clear'],
  ['help.keys.group', 'help.do.group'],
  ['help.keys.attach', 'help.do.attach'],
  ['help.keys.undo', 'help.do.undo'],
  ['help.keys.reveal', 'help.do.reveal'],
  ['help.keys.detail', 'help.do.detail'],
  ['help.keys.search', 'help.do.search'],
  ['help.keys.escape', 'help.do.escape'],
  ['help.keys.help', 'help.do.help'],
] as const;
