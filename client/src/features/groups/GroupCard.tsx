// One near-duplicate group in the groups list: its representative, size, categories and apply buttons.
import { thumbnailUrl } from '../../api/endpoints.ts';
import type { Group } from '../../api/types.ts';
import { useApp } from '../../app/AppContext.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { Status } from '../../ui/bits.tsx';
import { CategoryBadge } from '../grid/CategoryBadge.tsx';

// Mouse users' way to categorise a whole group; keyboard users press the digit (tabIndex -1 keeps one tab stop).
function GroupActions({ nearGroup, onApply }: { nearGroup: number; onApply: (category: string | null) => void }) {
  const { t, lang } = useI18n();
  const { scheme } = useApp();
  return (
    <p className="group-actions">
      {scheme?.categories.map((c) => (
        <button
          key={c.value}
          type="button"
          tabIndex={-1}
          title={c[lang]}
          aria-label={t('groups.applyLabel', { label: `${c.key} ${c[lang]}`, g: nearGroup })}
          onClick={(e) => {
            e.stopPropagation();
            onApply(c.value);
          }}
        >
          {c.key}
        </button>
      ))}
      <button
        type="button"
        tabIndex={-1}
        aria-label={t('groups.clearLabel', { g: nearGroup })}
        onClick={(e) => {
          e.stopPropagation();
          onApply(null);
        }}
      >
        x
      </button>
    </p>
  );
}

export function GroupCard({
  g,
  caseId,
  focused,
  showMedia,
  canWrite,
  onFocus,
  onApply,
}: {
  g: Group;
  caseId: string;
  focused: boolean;
  showMedia: boolean;
  canWrite: boolean;
  onFocus: () => void;
  onApply: (category: string | null) => void;
}) {
  const { t } = useI18n();
  return (
    <li
      role="option"
      aria-selected={focused}
      id={`group-${g.nearGroup}`}
      className={focused ? 'group-card focused' : 'group-card'}
      onClick={onFocus}
      aria-label={t('groups.cardLabel', { g: g.nearGroup, n: g.members, u: g.uncategorised })}
    >
      <div className="thumb-box">
        {showMedia && g.representativeHasThumbnail ? (
          <img className="thumb" src={thumbnailUrl(caseId, g.representative)} alt="" decoding="async" />
        ) : (
          <span className="placeholder">≈</span>
        )}
      </div>
      <p>
        <strong>{t('grid.nearGroup', { g: g.nearGroup })}</strong> · {t('groups.members', { n: g.members })}
      </p>
      <p className="cats">
        {g.categories.map((c) => (
          <CategoryBadge key={c} value={c} compact />
        ))}
        {g.uncategorised > 0 && <Status tone="warn">{t('groups.uncategorisedN', { n: g.uncategorised })}</Status>}
      </p>
      {canWrite && <GroupActions nearGroup={g.nearGroup} onApply={onApply} />}
    </li>
  );
}
