// Above the grid: counts, selection, group mode and the last action's result (a live region), plus help and details.
import type { Media } from '../../api/types.ts';
import { useI18n } from '../../i18n/index.tsx';

type Props = {
  count: number;
  loaded: number;
  loading: boolean;
  selected: number;
  groupArmed: boolean;
  busy: boolean;
  message: string;
  focus: number;
  focused: Media | null;
  detailOpen: boolean;
  onHelp: () => void;
  onDetail: () => void;
};

export function GridToolbar({
  count,
  loaded,
  loading,
  selected,
  groupArmed,
  busy,
  message,
  focus,
  focused,
  detailOpen,
  onHelp,
  onDetail,
}: Props) {
  const { t } = useI18n();
  return (
    <div className="toolbar">
      <span role="status" aria-live="polite" className="toolbar-status">
        <span>
          {t('grid.count', { n: count })}
          {loading ? ` · ${t('grid.loadingMore', { n: loaded })}` : ''}
        </span>
        {selected > 0 && <span>{t('grid.selectedN', { n: selected })}</span>}
        {groupArmed && <span className="tag">{t('grid.groupMode')}</span>}
        {busy && <span>{t('common.saving')}</span>}
        <span className="message">{message}</span>
      </span>
      <span className="spacer" />
      {focused && (
        <span className="muted">
          {t('grid.focusInfo', { n: focus + 1, name: focused.firstPath.split('/').pop() ?? '' })}
        </span>
      )}
      <button type="button" onClick={onHelp} aria-keyshortcuts="?">
        ? {t('help.button')}
      </button>
      <button type="button" onClick={onDetail} aria-pressed={detailOpen}>
        {t('detail.toggle')}
      </button>
    </div>
  );
}
