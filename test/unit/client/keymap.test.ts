// Keys → commands: one table shared by the grid and the help overlay.
import { describe, expect, it } from 'vitest';
import { commandFor, KEY_HELP, type KeyInput } from '../../../client/src/features/grid/keymap.ts';
import { nl } from '../../../client/src/i18n/nl.ts';

const key = (k: string, code: string, mods: Partial<KeyInput> = {}): KeyInput => ({
  key: k,
  code,
  shiftKey: false,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  ...mods,
});

describe('keymap', () => {
  it('maps arrows (with shift to extend, ctrl to keep the selection) and Home/End', () => {
    expect(commandFor(key('ArrowDown', 'ArrowDown'))).toEqual({
      kind: 'navigate',
      nav: 'down',
      extend: false,
      keepSelection: false,
    });
    expect(commandFor(key('ArrowLeft', 'ArrowLeft', { shiftKey: true }))).toMatchObject({ nav: 'left', extend: true });
    expect(commandFor(key('ArrowRight', 'ArrowRight', { ctrlKey: true }))).toMatchObject({
      nav: 'right',
      keepSelection: true,
    });
    expect(commandFor(key('End', 'End', { ctrlKey: true }))).toMatchObject({ nav: 'last' });
    expect(commandFor(key('Home', 'Home'))).toMatchObject({ nav: 'rowStart' });
  });

  it('categorises with digits from the main row or the keypad, whatever the layout prints', () => {
    expect(commandFor(key('1', 'Digit1'))).toEqual({ kind: 'categorise', key: '1', group: false });
    expect(commandFor(key('3', 'Numpad3'))).toEqual({ kind: 'categorise', key: '3', group: false });
    expect(commandFor(key('&', 'Digit1'))).toEqual({ kind: 'categorise', key: '1', group: false });
  });

  it('applies to the whole near-duplicate group with shift+digit or g then digit', () => {
    expect(commandFor(key('!', 'Digit1', { shiftKey: true }))).toEqual({ kind: 'categorise', key: '1', group: true });
    expect(commandFor(key('g', 'KeyG'))).toEqual({ kind: 'armGroup' });
    expect(commandFor(key('2', 'Digit2'), true)).toEqual({ kind: 'categorise', key: '2', group: true });
    expect(commandFor(key('x', 'KeyX'), true)).toEqual({ kind: 'clear', group: true });
  });

  it('clears with x or Delete, undoes with ctrl+z or u, and has help, reveal, detail, search, escape', () => {
    expect(commandFor(key('x', 'KeyX'))).toEqual({ kind: 'clear', group: false });
    expect(commandFor(key('Delete', 'Delete'))).toEqual({ kind: 'clear', group: false });
    expect(commandFor(key('z', 'KeyZ', { ctrlKey: true }))).toEqual({ kind: 'undo' });
    expect(commandFor(key('z', 'KeyZ', { metaKey: true }))).toEqual({ kind: 'undo' });
    expect(commandFor(key('u', 'KeyU'))).toEqual({ kind: 'undo' });
    expect(commandFor(key('?', 'Slash', { shiftKey: true }))).toEqual({ kind: 'help' });
    expect(commandFor(key('r', 'KeyR'))).toEqual({ kind: 'reveal' });
    expect(commandFor(key('Enter', 'Enter'))).toEqual({ kind: 'detail' });
    expect(commandFor(key('/', 'Slash'))).toEqual({ kind: 'search' });
    expect(commandFor(key('Escape', 'Escape'))).toEqual({ kind: 'escape' });
    expect(commandFor(key('a', 'KeyA', { ctrlKey: true }))).toEqual({ kind: 'selectAll' });
    expect(commandFor(key(' ', 'Space'))).toEqual({ kind: 'toggle' });
  });

  it('leaves browser and system shortcuts alone', () => {
    expect(commandFor(key('1', 'Digit1', { ctrlKey: true }))).toBeNull();
    expect(commandFor(key('r', 'KeyR', { ctrlKey: true }))).toBeNull();
    expect(commandFor(key('ArrowLeft', 'ArrowLeft', { altKey: true }))).toBeNull();
    expect(commandFor(key('Tab', 'Tab'))).toBeNull();
    expect(commandFor(key('q', 'KeyQ'))).toBeNull();
  });

  it('documents every key in the help overlay with catalogue messages', () => {
    for (const [k, what] of KEY_HELP) {
      expect(nl[k]).toBeTruthy();
      expect(nl[what]).toBeTruthy();
    }
  });
});
