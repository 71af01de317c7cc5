// The grid's keyboard model as a pure reducer: focus, range selection, navigation across rows for a
// given column count, and the undo stack. No DOM, no I/O: the component turns state into effects.

type Source = 'manual' | 'hashset' | null;
export type UndoEntry = {
  category: string | null;
  changes: Array<{ sha256: string; previousCategory: string | null; previousSource: Source }>;
};

export type GridState = {
  count: number;
  cols: number;
  focus: number;
  anchor: number;
  selected: ReadonlySet<number>;
  undo: readonly UndoEntry[];
};

export type Nav = 'left' | 'right' | 'up' | 'down' | 'rowStart' | 'rowEnd' | 'first' | 'last' | 'pageUp' | 'pageDown';

export type GridAction =
  | { type: 'layout'; cols: number; count: number }
  | { type: 'reset'; count: number }
  | { type: 'navigate'; nav: Nav; extend?: boolean; keepSelection?: boolean; rowsPerPage?: number }
  | { type: 'click'; index: number; shift?: boolean; toggle?: boolean }
  | { type: 'toggleFocused' }
  | { type: 'selectAll'; upTo: number }
  | { type: 'clearSelection' }
  | { type: 'restore'; focus: number; selected: number[] }
  | { type: 'pushUndo'; entry: UndoEntry }
  | { type: 'popUndo' };

export const UNDO_LIMIT = 100;
const EMPTY: ReadonlySet<number> = new Set();

export const initialGrid = (count = 0, cols = 1): GridState => ({
  count,
  cols: Math.max(1, cols),
  focus: count > 0 ? 0 : -1,
  anchor: 0,
  selected: EMPTY,
  undo: [],
});

const clamp = (i: number, count: number) => Math.min(Math.max(i, 0), count - 1);

function range(a: number, b: number): Set<number> {
  const out = new Set<number>();
  for (let i = Math.min(a, b); i <= Math.max(a, b); i++) out.add(i);
  return out;
}

/** Where a navigation key moves the focus, in a grid of `cols` columns and `count` items. */
export function targetOf(nav: Nav, focus: number, cols: number, count: number, rowsPerPage = 1): number {
  const f = Math.max(0, focus);
  const row = Math.floor(f / cols);
  const lastRow = Math.floor((count - 1) / cols);
  switch (nav) {
    case 'left':
      return clamp(f - 1, count);
    case 'right':
      return clamp(f + 1, count);
    case 'up':
      return row > 0 ? f - cols : f;
    case 'down':
      return row < lastRow ? Math.min(f + cols, count - 1) : f;
    case 'rowStart':
      return row * cols;
    case 'rowEnd':
      return Math.min(row * cols + cols - 1, count - 1);
    case 'first':
      return 0;
    case 'last':
      return count - 1;
    case 'pageUp':
      return f - rowsPerPage * cols >= 0 ? f - rowsPerPage * cols : f % cols;
    case 'pageDown':
      return Math.min(f + rowsPerPage * cols, count - 1);
  }
}

function toggled(set: ReadonlySet<number>, index: number): Set<number> {
  const out = new Set(set);
  if (out.has(index)) out.delete(index);
  else out.add(index);
  return out;
}

function navigate(s: GridState, a: Extract<GridAction, { type: 'navigate' }>): GridState {
  if (s.count === 0) return s;
  const next = targetOf(a.nav, s.focus, s.cols, s.count, a.rowsPerPage);
  if (a.extend) {
    const anchor = s.selected.size > 0 ? s.anchor : Math.max(0, s.focus);
    return { ...s, focus: next, anchor, selected: range(anchor, next) };
  }
  if (a.keepSelection) return { ...s, focus: next };
  return { ...s, focus: next, anchor: next, selected: EMPTY };
}

function click(s: GridState, a: Extract<GridAction, { type: 'click' }>): GridState {
  const index = clamp(a.index, s.count);
  if (a.shift) {
    const anchor = s.selected.size > 0 ? s.anchor : s.focus >= 0 ? s.focus : index;
    return { ...s, focus: index, anchor, selected: range(anchor, index) };
  }
  if (a.toggle) {
    // The focused item is the implicit selection, so ctrl+click adds to it rather than replacing it.
    const base = s.selected.size > 0 ? s.selected : s.focus >= 0 && s.focus !== index ? new Set([s.focus]) : EMPTY;
    return { ...s, focus: index, anchor: index, selected: toggled(base, index) };
  }
  return { ...s, focus: index, anchor: index, selected: EMPTY };
}

export function gridReducer(s: GridState, a: GridAction): GridState {
  switch (a.type) {
    case 'layout': {
      const cols = Math.max(1, a.cols);
      const focus = a.count === 0 ? -1 : s.focus < 0 ? 0 : clamp(s.focus, a.count);
      return cols === s.cols && a.count === s.count && focus === s.focus ? s : { ...s, cols, count: a.count, focus };
    }
    case 'reset':
      return { ...initialGrid(a.count, s.cols), undo: s.undo };
    case 'navigate':
      return navigate(s, a);
    case 'click':
      return s.count === 0 ? s : click(s, a);
    case 'toggleFocused':
      return s.focus < 0 ? s : { ...s, anchor: s.focus, selected: toggled(s.selected, s.focus) };
    case 'selectAll':
      return a.upTo <= 0 ? s : { ...s, anchor: 0, selected: range(0, Math.min(a.upTo, s.count) - 1) };
    case 'clearSelection':
      return s.selected.size === 0 ? s : { ...s, selected: EMPTY, anchor: Math.max(0, s.focus) };
    case 'restore': {
      if (s.count === 0) return s;
      const focus = clamp(a.focus, s.count);
      return { ...s, focus, anchor: focus, selected: new Set(a.selected.filter((i) => i >= 0 && i < s.count)) };
    }
    case 'pushUndo':
      return { ...s, undo: [...s.undo, a.entry].slice(-UNDO_LIMIT) };
    case 'popUndo':
      return s.undo.length === 0 ? s : { ...s, undo: s.undo.slice(0, -1) };
  }
}

/** What a categorisation applies to: the selection, or else the focused item. */
export function targets(s: GridState): number[] {
  if (s.selected.size > 0) return [...s.selected].sort((a, b) => a - b);
  return s.focus >= 0 ? [s.focus] : [];
}
