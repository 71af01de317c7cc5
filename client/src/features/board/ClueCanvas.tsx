// Drawing a box on the blurred image: drag with the pointer, or with the keyboard (arrows move the box, Shift+arrows
// change its size). Coordinates are normalised to the image (0..1 from the top left), as the server stores them.
import { useRef, type KeyboardEvent, type PointerEvent } from 'react';
import { thumbnailUrl } from '../../api/endpoints.ts';
import { useI18n } from '../../i18n/index.tsx';
import type { Box } from './api.ts';

const STEP = 0.05;
const clamp = (v: number, lo = 0, hi = 1) => Math.min(hi, Math.max(lo, v));
const round = (v: number) => Math.round(v * 10000) / 10000;

/** Keeps a box inside the image with a minimum size. */
export function fitBox(b: Box): Box {
  const w = clamp(b.w, 0.01, 1);
  const h = clamp(b.h, 0.01, 1);
  return { x: round(clamp(b.x, 0, 1 - w)), y: round(clamp(b.y, 0, 1 - h)), w: round(w), h: round(h) };
}

const MOVES: Record<string, [number, number]> = {
  ArrowLeft: [-STEP, 0],
  ArrowRight: [STEP, 0],
  ArrowUp: [0, -STEP],
  ArrowDown: [0, STEP],
};

function keyedBox(box: Box | null, e: KeyboardEvent): Box | null {
  const move = MOVES[e.key];
  if (!move) return null;
  const b = box ?? { x: 0.25, y: 0.25, w: 0.5, h: 0.5 };
  if (!box) return b;
  return fitBox(
    e.shiftKey ? { ...b, w: b.w + move[0], h: b.h + move[1] } : { ...b, x: b.x + move[0], y: b.y + move[1] },
  );
}

const boxStyle = (b: Box) => ({
  left: `${b.x * 100}%`,
  top: `${b.y * 100}%`,
  width: `${b.w * 100}%`,
  height: `${b.h * 100}%`,
});

type Props = { caseId: string; sha256: string; box: Box | null; pinned: Box[]; onBox: (b: Box) => void };

export function ClueCanvas({ caseId, sha256, box, pinned, onBox }: Props) {
  const { t } = useI18n();
  const ref = useRef<HTMLDivElement>(null);
  const start = useRef<{ x: number; y: number } | null>(null);
  const at = (e: PointerEvent) => {
    const r = ref.current!.getBoundingClientRect();
    return { x: clamp((e.clientX - r.left) / r.width), y: clamp((e.clientY - r.top) / r.height) };
  };
  const drag = (e: PointerEvent) => {
    if (!start.current) return;
    const p = at(e);
    const s = start.current;
    onBox(fitBox({ x: Math.min(s.x, p.x), y: Math.min(s.y, p.y), w: Math.abs(p.x - s.x), h: Math.abs(p.y - s.y) }));
  };
  const onKeyDown = (e: KeyboardEvent) => {
    const next = keyedBox(box, e);
    if (!next) return;
    e.preventDefault();
    onBox(next);
  };
  return (
    <div
      ref={ref}
      className="clue-canvas"
      tabIndex={0}
      role="application"
      aria-label={t('board.clues.imageAlt')}
      onKeyDown={onKeyDown}
      onPointerDown={(e) => {
        start.current = at(e);
        ref.current!.setPointerCapture?.(e.pointerId);
      }}
      onPointerMove={drag}
      onPointerUp={(e) => {
        drag(e);
        start.current = null;
      }}
    >
      <img className="thumb" src={thumbnailUrl(caseId, sha256)} alt="" draggable={false} />
      {pinned.map((b, i) => (
        <span key={i} className="clue-box pinned" style={boxStyle(b)} aria-hidden="true" />
      ))}
      {box && <span className="clue-box drawing" data-testid="clue-box" style={boxStyle(box)} aria-hidden="true" />}
    </div>
  );
}
