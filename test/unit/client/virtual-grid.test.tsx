// @vitest-environment jsdom
// The virtualised grid renders only what is in view: the tile count stays bounded at 100,000 items.
import { act, cleanup, render } from '@testing-library/react';
import { useRef } from 'react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { VirtualGrid, columnsFor } from '../../../client/src/features/grid/VirtualGrid.tsx';

beforeAll(() => {
  // jsdom has no layout: a fixed 1000×800 viewport.
  globalThis.ResizeObserver = class {
    observe() {}
    unobserve() {}
    disconnect() {}
  } as unknown as typeof ResizeObserver;
  Object.defineProperty(HTMLElement.prototype, 'clientWidth', { configurable: true, get: () => 1000 });
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', { configurable: true, get: () => 800 });
  Object.defineProperty(HTMLElement.prototype, 'offsetWidth', { configurable: true, get: () => 1000 });
  Object.defineProperty(HTMLElement.prototype, 'offsetHeight', { configurable: true, get: () => 800 });
});
afterEach(cleanup);

function Harness({ count, focus }: { count: number; focus: number }) {
  const scrollRef = useRef<HTMLDivElement | null>(null);
  return (
    <VirtualGrid
      count={count}
      tileWidth={128}
      rowHeight={164}
      focus={focus}
      scrollRef={scrollRef}
      onLayout={() => undefined}
      onRange={() => undefined}
      renderTile={(i) => <div key={i} role="gridcell" data-index={i} />}
      role="grid"
    />
  );
}

describe('virtual grid', () => {
  it('works out the columns from the width', () => {
    expect(columnsFor(1000, 128)).toBe(7);
    expect(columnsFor(100, 128)).toBe(1);
  });

  it('keeps the DOM bounded at 100,000 items wherever it is scrolled', async () => {
    const view = render(<Harness count={100_000} focus={0} />);
    const cells = () =>
      [...view.container.querySelectorAll('[role="gridcell"]')].map((c) => Number(c.getAttribute('data-index')));
    expect(cells()[0]).toBe(0);
    expect(cells().length).toBeLessThanOrEqual(7 * 12);
    const scroller = view.container.querySelector('.grid-scroll')!;
    const rows = Math.ceil(100_000 / 7);
    // jsdom cannot scroll, so the scroll position is set by hand: middle, then the very end.
    for (const top of [Math.round((rows * 164) / 2), rows * 164 + 16 - 800]) {
      Object.defineProperty(scroller, 'scrollTop', { configurable: true, value: top });
      await act(async () => {
        scroller.dispatchEvent(new Event('scroll'));
      });
      expect(cells().length).toBeGreaterThan(0);
      expect(cells().length).toBeLessThanOrEqual(7 * 12);
    }
    expect(Math.max(...cells())).toBe(99_999);
  });
});
