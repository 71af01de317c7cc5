// A category as digit + label + where it came from (hash set or analyst): never colour alone.
import { categoryLabel, useApp } from '../../app/AppContext.tsx';
import { useI18n } from '../../i18n/index.tsx';

type Props = { value: string | null; source?: 'manual' | 'hashset' | null; compact?: boolean; conflict?: boolean };

export function CategoryBadge({ value, source = null, compact = false, conflict = false }: Props) {
  const { scheme } = useApp();
  const { t, lang } = useI18n();
  if (value === null) {
    return (
      <span className="cat cat-none" title={t('category.none')}>
        <span aria-hidden="true">○</span> {compact ? '' : t('category.none')}
        <span className="sr-only">{compact ? t('category.none') : ''}</span>
      </span>
    );
  }
  const { key, label, def } = categoryLabel(scheme, value, lang);
  const origin =
    source === 'hashset' ? t('category.source.hashset') : source === 'manual' ? t('category.source.manual') : '';
  return (
    <span className={`cat cat-${def?.severity ?? 'unknown'}`} title={`${key} ${label}${origin ? ` (${origin})` : ''}`}>
      <b>{key}</b> <span className="cat-label">{label}</span>
      {source === 'hashset' && (
        <span className="cat-src" aria-label={origin}>
          {' '}
          #
        </span>
      )}
      {source === 'manual' && !compact && (
        <span className="cat-src" aria-label={origin}>
          {' '}
          ✎
        </span>
      )}
      {conflict && (
        <span className="cat-conflict" aria-label={t('category.conflict')}>
          {' '}
          ⚠
        </span>
      )}
    </span>
  );
}
