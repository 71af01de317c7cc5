// In the grid's detail panel: the victims and series this content is attached to in the case, and what matched
// hash sets say of it (Series, VictimIdentified). Labels only: a victim's description stays on the board.
import { Fragment, useEffect, useState } from 'react';
import { api } from '../../api/http.ts';
import type { Match, MediaDetail } from '../../api/types.ts';
import { useI18n } from '../../i18n/index.tsx';

type Attached = { id: string; kind: 'victim' | 'series'; label: string; identified: boolean };
type Props = { caseId: string; d: MediaDetail; matches: Match[] | 'unavailable' | null };

/** Series and victim flags from hash sets: the case's own record of them, then each matched set's. */
function fromHashSets(d: MediaDetail, matches: Props['matches']) {
  const sets = Array.isArray(matches) ? matches.filter((m) => m.source === 'hashset') : [];
  const series = new Set([d.series, ...sets.map((m) => m.series)].filter((s): s is string => !!s));
  const flags = [d.victimIdentified, ...sets.map((m) => m.victimIdentified)].filter((v) => v !== null);
  return { series: [...series], identified: flags.length ? flags.some(Boolean) : null };
}

export function DetailSubjects({ caseId, d, matches }: Props) {
  const { t } = useI18n();
  const [attached, setAttached] = useState<Attached[]>([]);
  useEffect(() => {
    api<{ subjects: Attached[] }>(`/api/cases/${caseId}/media/${d.sha256}/subjects`).then(
      (r) => setAttached(r.subjects),
      () => setAttached([]),
    );
  }, [caseId, d.sha256]);
  const sets = fromHashSets(d, matches);
  if (attached.length === 0 && sets.series.length === 0 && sets.identified === null) return null;
  return (
    <>
      <h3>{t('board.subjects.title')}</h3>
      <dl className="kv">
        {attached.map((s) => (
          <Fragment key={s.id}>
            <dt>{t(s.kind === 'victim' ? 'board.victims' : 'board.series')}</dt>
            <dd>
              {s.label}
              {s.identified ? ` · ${t('board.identified')}` : ''}
            </dd>
          </Fragment>
        ))}
        {sets.series.length > 0 && (
          <>
            <dt>{t('detail.hashsetSeries')}</dt>
            <dd>{sets.series.join('; ')}</dd>
          </>
        )}
        {sets.identified !== null && (
          <>
            <dt>{t('detail.hashsetVictim')}</dt>
            <dd>{sets.identified ? t('common.yes') : t('common.no')}</dd>
          </>
        )}
      </dl>
    </>
  );
}
