// What the grid's keys do beyond moving: categorise (items or whole groups), undo, and reveal. The
// status message says what happened, in words, for sighted and screen-reader users alike.
import { useCallback, useState, type Dispatch } from 'react';
import { endpoints } from '../../api/endpoints.ts';
import type { Media } from '../../api/types.ts';
import type { SchemeDef } from '../../app/AppContext.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { errorText } from '../../ui/bits.tsx';
import { targets, type GridAction, type GridState } from './gridModel.ts';
import type { MediaPager } from './pager.ts';
import { useCategorise } from './useCategorise.ts';

type Deps = {
  caseId: string;
  pager: MediaPager;
  grid: GridState;
  dispatch: Dispatch<GridAction>;
  scheme: SchemeDef | null;
  canWrite: boolean;
  showMedia: boolean;
  onChanged: () => void;
};

export function useGridActions({ caseId, pager, grid, dispatch, scheme, canWrite, showMedia, onChanged }: Deps) {
  const { t, lang } = useI18n();
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState(false);
  // sha256 → the audit id of its reveal, which is what fetches the sharp thumbnail from the server.
  const [revealed, setRevealed] = useState<ReadonlyMap<string, number>>(new Map());
  const { apply, undo } = useCategorise({ caseId, pager, scheme, dispatch, onChanged });
  const focused: Media | null = pager.items[grid.focus] ?? null;

  async function categorise(categoryKey: string | null, group: boolean) {
    if (!canWrite) return setMessage(t('grid.readOnly'));
    const def = categoryKey === null ? null : scheme?.categories.find((c) => c.key === categoryKey);
    if (def === undefined) return setMessage(t('grid.noSuchKey', { key: categoryKey ?? '' }));
    const items = targets(grid).flatMap((i) => (pager.items[i] ? [pager.items[i]!] : []));
    if (items.length === 0) return setMessage(t('grid.nothingToCategorise'));
    setBusy(true);
    try {
      const { n, groups } = await apply(items, def?.value ?? null, group);
      const label = def ? `${def.key} ${def[lang]}` : t('category.none');
      setMessage(
        !group
          ? t('grid.categorised', { n, label })
          : groups > 0
            ? t('grid.categorisedGroup', { n, label })
            : t('grid.categorisedNoGroup', { n, label }),
      );
    } catch (error) {
      setMessage(errorText(error, t));
    } finally {
      setBusy(false);
    }
  }

  async function undoLast() {
    const entry = grid.undo[grid.undo.length - 1];
    if (!entry) return setMessage(t('grid.nothingToUndo'));
    try {
      setMessage(t('grid.undone', { n: await undo(entry) }));
    } catch (error) {
      setMessage(errorText(error, t));
    }
  }

  /** Reveal is explicit, one item at a time, and only shown after the server has audited it. */
  async function toggleReveal() {
    if (!focused || !showMedia || !focused.hasThumbnail) return;
    if (revealed.has(focused.sha256)) return setRevealed(new Map());
    try {
      const { auditId } = await endpoints.reveal(caseId, focused.sha256);
      setRevealed(new Map([[focused.sha256, auditId]]));
      setMessage(t('grid.revealedMessage'));
    } catch (error) {
      setMessage(errorText(error, t));
    }
  }

  const hideAll = useCallback(() => setRevealed((r) => (r.size ? new Map() : r)), []);
  return { message, setMessage, busy, revealed, hideAll, categorise, undoLast, toggleReveal, focused };
}

export type GridActions = ReturnType<typeof useGridActions>;
