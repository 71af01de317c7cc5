// Keyboard-first tables, as in the grid: arrows move the active row, Home/End jump, Enter opens it.
import { useState, type KeyboardEvent } from 'react';

export function useRowKeys(count: number, onOpen: (index: number) => void) {
  const [active, setActive] = useState(0);
  const current = Math.max(0, Math.min(active, count - 1));
  const onKeyDown = (e: KeyboardEvent) => {
    const moves: Record<string, number> = { ArrowDown: current + 1, ArrowUp: current - 1, Home: 0, End: count - 1 };
    if (e.key in moves) {
      e.preventDefault();
      setActive(Math.max(0, Math.min(count - 1, moves[e.key]!)));
    } else if (e.key === 'Enter' && count > 0) {
      e.preventDefault();
      onOpen(current);
    }
  };
  return { active: current, setActive, onKeyDown };
}
