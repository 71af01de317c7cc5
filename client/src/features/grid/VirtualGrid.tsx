// Row virtualisation: only the rows in (and just around) the viewport exist in the DOM, whatever the count.
import { useVirtualizer } from '@tanstack/react-virtual';
import {
  useEffect,
  useLayoutEffect,
  useRef,
  useState,
  type HTMLAttributes,
  type ReactNode,
  type RefObject,
} from 'react';

export const GAP = 8;
const PAD = 8;

type Props = HTMLAttributes<HTMLDivElement> & {
  count: number;
  tileWidth: number;
  rowHeight: number;
  focus: number;
  scrollRef: RefObject<HTMLDivElement | null>;
  onLayout: (cols: number, rowsPerPage: number) => void;
  onRange: (first: number, last: number) => void;
  renderTile: (index: number) => ReactNode;
};

export function columnsFor(width: number, tileWidth: number): number {
  return Math.max(1, Math.floor((width - 2 * PAD + GAP) / (tileWidth + GAP)));
}

/** The scroll box's size, followed as it resizes; also hands the element to the owner's scroll ref. */
function useBox(own: RefObject<HTMLDivElement | null>, scrollRef: RefObject<HTMLDivElement | null>) {
  const [box, setBox] = useState({ width: 1000, height: 800 });
  useLayoutEffect(() => {
    const el = own.current!;
    scrollRef.current = el;
    setBox({ width: el.clientWidth || 1000, height: el.clientHeight || 800 });
    const observer = new ResizeObserver(([entry]) =>
      setBox({ width: entry!.contentRect.width, height: entry!.contentRect.height }),
    );
    observer.observe(el);
    return () => observer.disconnect();
  }, [own, scrollRef]);
  return box;
}

export function VirtualGrid({
  count,
  tileWidth,
  rowHeight,
  focus,
  scrollRef,
  onLayout,
  onRange,
  renderTile,
  ...gridProps
}: Props) {
  const own = useRef<HTMLDivElement>(null);
  const box = useBox(own, scrollRef);

  const cols = columnsFor(box.width, tileWidth);
  const rows = Math.ceil(count / cols);
  const rowsPerPage = Math.max(1, Math.floor(box.height / rowHeight));
  useEffect(() => onLayout(cols, rowsPerPage), [cols, rowsPerPage, onLayout]);

  const virtualizer = useVirtualizer({
    count: rows,
    getScrollElement: () => own.current,
    estimateSize: () => rowHeight,
    overscan: 2,
    paddingStart: PAD,
    paddingEnd: PAD,
    initialRect: { width: 1000, height: 800 },
  });
  useEffect(() => {
    virtualizer.measure();
  }, [rowHeight, virtualizer]);
  useEffect(() => {
    if (focus >= 0 && focus < count) virtualizer.scrollToIndex(Math.floor(focus / cols), { align: 'auto' });
  }, [focus, cols, count, virtualizer]);

  const visible = virtualizer.getVirtualItems();
  const first = visible.length ? visible[0]!.index * cols : 0;
  const last = visible.length ? Math.min(count, (visible[visible.length - 1]!.index + 1) * cols) - 1 : 0;
  useEffect(() => onRange(first, last), [first, last, onRange]);

  return (
    <div ref={own} className="grid-scroll" aria-rowcount={rows} aria-colcount={cols} {...gridProps}>
      <div className="grid-canvas" style={{ height: virtualizer.getTotalSize() }}>
        {visible.map((row) => (
          <div
            key={row.key}
            role="row"
            aria-rowindex={row.index + 1}
            className="grid-row"
            style={{ transform: `translateY(${row.start}px)`, height: rowHeight - GAP, gap: GAP, paddingLeft: PAD }}
          >
            {Array.from({ length: Math.min(cols, count - row.index * cols) }, (_, c) =>
              renderTile(row.index * cols + c),
            )}
          </div>
        ))}
      </div>
    </div>
  );
}
