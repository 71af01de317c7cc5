// @vitest-environment jsdom
// The grid's keyboard model: navigation across rows, range selection, toggling, and the undo stack.
import { describe, expect, it } from 'vitest';
import {
  gridReducer,
  initialGrid,
  targetOf,
  targets,
  UNDO_LIMIT,
  type GridAction,
  type GridState,
} from '../../../client/src/features/grid/gridModel.ts';

const run = (s: GridState, ...actions: GridAction[]) => actions.reduce(gridReducer, s);
const grid = (count: number, cols: number) => initialGrid(count, cols);
const nav = (
  n: Extract<GridAction, { type: 'navigate' }>['nav'],
  extra: Partial<Extract<GridAction, { type: 'navigate' }>> = {},
): GridAction => ({ type: 'navigate', nav: n, ...extra });
const sel = (s: GridState) => [...s.selected].sort((a, b) => a - b);

describe('navigation across rows', () => {
  // 10 items in 4 columns:  0 1 2 3 / 4 5 6 7 / 8 9
  it('moves left and right through row ends, clamped at both ends of the list', () => {
    expect(run(grid(10, 4), nav('left')).focus).toBe(0);
    expect(run(grid(10, 4), nav('right'), nav('right'), nav('right'), nav('right')).focus).toBe(4);
    expect(run(grid(10, 4), nav('last'), nav('right')).focus).toBe(9);
  });

  it('moves up and down by the column count, landing on the last item of a short last row', () => {
    expect(run(grid(10, 4), nav('down')).focus).toBe(4);
    expect(run(grid(10, 4), nav('down'), nav('down')).focus).toBe(8);
    expect(targetOf('down', 7, 4, 10)).toBe(9);
    expect(targetOf('down', 9, 4, 10)).toBe(9);
    expect(targetOf('up', 2, 4, 10)).toBe(2);
    expect(targetOf('up', 9, 4, 10)).toBe(5);
  });

  it('goes to row start and end, the first and last item, and pages by whole rows in the same column', () => {
    expect(targetOf('rowStart', 6, 4, 10)).toBe(4);
    expect(targetOf('rowEnd', 5, 4, 10)).toBe(7);
    expect(targetOf('rowEnd', 8, 4, 10)).toBe(9);
    expect(targetOf('pageDown', 1, 4, 100, 3)).toBe(13);
    expect(targetOf('pageUp', 13, 4, 100, 3)).toBe(1);
    expect(targetOf('pageUp', 6, 4, 100, 3)).toBe(2);
    expect(targetOf('pageDown', 95, 4, 100, 3)).toBe(99);
  });

  it('re-clamps the focus when the layout changes, and does nothing in an empty grid', () => {
    const s = run(grid(10, 4), nav('last'), { type: 'layout', cols: 3, count: 5 });
    expect(s).toMatchObject({ cols: 3, focus: 4 });
    expect(run(grid(0, 4), nav('down'))).toMatchObject({ focus: -1 });
    expect(run(grid(0, 4), { type: 'layout', cols: 4, count: 3 }).focus).toBe(0);
  });
});

describe('selection', () => {
  it('has no explicit selection after plain moves, so the focused item is the target', () => {
    const s = run(grid(10, 4), nav('right'), nav('down'));
    expect(sel(s)).toEqual([]);
    expect(targets(s)).toEqual([5]);
  });

  it('selects a range with shift+arrows from the anchor, across rows, and shrinks it back', () => {
    let s = run(grid(20, 5), nav('right'), nav('right', { extend: true }), nav('down', { extend: true }));
    expect(sel(s)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    s = run(s, nav('up', { extend: true }));
    expect(sel(s)).toEqual([1, 2]);
    s = run(s, nav('left', { extend: true }), nav('left', { extend: true }));
    expect(sel(s)).toEqual([0, 1]);
    expect(targets(s)).toEqual([0, 1]);
  });

  it('selects a range with shift+click and toggles with ctrl+click, keeping the focused item', () => {
    let s = run(grid(20, 5), { type: 'click', index: 3 }, { type: 'click', index: 7, shift: true });
    expect(sel(s)).toEqual([3, 4, 5, 6, 7]);
    s = run(s, { type: 'click', index: 5, toggle: true });
    expect(sel(s)).toEqual([3, 4, 6, 7]);
    s = run(grid(20, 5), { type: 'click', index: 2 }, { type: 'click', index: 9, toggle: true });
    expect(sel(s)).toEqual([2, 9]);
  });

  it('moves with ctrl+arrows without changing the selection, then toggles with space', () => {
    const s = run(
      grid(20, 5),
      { type: 'click', index: 1 },
      { type: 'toggleFocused' },
      nav('right', { keepSelection: true }),
      nav('right', { keepSelection: true }),
      { type: 'toggleFocused' },
    );
    expect(s.focus).toBe(3);
    expect(sel(s)).toEqual([1, 3]);
  });

  it('selects everything loaded, clears with Escape, and a plain move drops the selection', () => {
    let s = run(grid(100, 10), { type: 'selectAll', upTo: 40 });
    expect(s.selected.size).toBe(40);
    s = run(s, { type: 'clearSelection' });
    expect(targets(s)).toEqual([0]);
    s = run(s, nav('down', { extend: true }), nav('right'));
    expect(sel(s)).toEqual([]);
    expect(s.focus).toBe(11);
  });

  it('restores a saved focus and selection, ignoring indexes outside the list', () => {
    const s = run(grid(50, 5), { type: 'restore', focus: 42, selected: [40, 41, 42, 99] });
    expect(s.focus).toBe(42);
    expect(sel(s)).toEqual([40, 41, 42]);
  });

  it('starts again at the first item for a new query, keeping the undo stack', () => {
    const entry = { category: '1', changes: [{ sha256: 'a', previousCategory: null, previousSource: null }] };
    const s = run(grid(50, 5), nav('last'), { type: 'pushUndo', entry }, { type: 'reset', count: 10 });
    expect(s).toMatchObject({ focus: 0, count: 10 });
    expect(s.undo).toEqual([entry]);
  });
});

describe('undo stack', () => {
  const entry = (i: number) => ({
    category: String(i % 5),
    changes: [{ sha256: `s${i}`, previousCategory: null, previousSource: null }],
  });

  it('pushes and pops in order, and pop on an empty stack is harmless', () => {
    let s = run(grid(5, 5), { type: 'pushUndo', entry: entry(1) }, { type: 'pushUndo', entry: entry(2) });
    expect(s.undo.at(-1)).toEqual(entry(2));
    s = run(s, { type: 'popUndo' });
    expect(s.undo).toEqual([entry(1)]);
    s = run(s, { type: 'popUndo' }, { type: 'popUndo' });
    expect(s.undo).toEqual([]);
  });

  it(`keeps the last ${UNDO_LIMIT} entries`, () => {
    let s = grid(5, 5);
    for (let i = 0; i < UNDO_LIMIT + 20; i++) s = gridReducer(s, { type: 'pushUndo', entry: entry(i) });
    expect(s.undo).toHaveLength(UNDO_LIMIT);
    expect(s.undo[0]).toEqual(entry(20));
  });
});
