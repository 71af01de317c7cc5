// The grid's V and S keys attach to a victim or a series (after G: the whole near-duplicate group), and a clue box
// drawn on the board always stays inside the image.
import { describe, expect, it } from 'vitest';
import { fitBox } from '../../../client/src/features/board/ClueCanvas.tsx';
import { commandFor, type KeyInput } from '../../../client/src/features/grid/keymap.ts';

const key = (k: string, code: string, mods: Partial<KeyInput> = {}): KeyInput => ({
  key: k,
  code,
  shiftKey: false,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  ...mods,
});

describe('attach keys', () => {
  it('maps v to victims and s to series, whatever the layout prints', () => {
    expect(commandFor(key('v', 'KeyV'))).toEqual({ kind: 'attach', subject: 'victim', group: false });
    expect(commandFor(key('s', 'KeyS'))).toEqual({ kind: 'attach', subject: 'series', group: false });
    expect(commandFor(key('ß', 'KeyS'))).toEqual({ kind: 'attach', subject: 'series', group: false });
  });

  it('applies to whole near-duplicate groups after g, and leaves ctrl+s to the browser', () => {
    expect(commandFor(key('v', 'KeyV'), true)).toEqual({ kind: 'attach', subject: 'victim', group: true });
    expect(commandFor(key('s', 'KeyS', { ctrlKey: true }))).toBeNull();
    expect(commandFor(key('V', 'KeyV', { shiftKey: true }))).toBeNull();
  });
});

describe('clue boxes', () => {
  it('keeps a box inside the image with a minimum size', () => {
    expect(fitBox({ x: 0.9, y: 0.9, w: 0.3, h: 0.3 })).toEqual({ x: 0.7, y: 0.7, w: 0.3, h: 0.3 });
    expect(fitBox({ x: -0.2, y: 0.1, w: 0, h: 2 })).toEqual({ x: 0, y: 0, w: 0.01, h: 1 });
    expect(fitBox({ x: 0.123456, y: 0.5, w: 0.25, h: 0.25 })).toEqual({ x: 0.1235, y: 0.5, w: 0.25, h: 0.25 });
  });
});
