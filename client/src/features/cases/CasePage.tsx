// One case: its header and counts, and the tabs for intake, media, groups, members and audit trail.
import { useCallback, useEffect, useState } from 'react';
import { endpoints } from '../../api/endpoints.ts';
import type { Case, CaseCounts } from '../../api/types.ts';
import { Link } from '../../app/router.tsx';
import { useI18n, type MessageKey } from '../../i18n/index.tsx';
import { ErrorNote, Status } from '../../ui/bits.tsx';
import { MediaWorkbench } from '../grid/MediaWorkbench.tsx';
import { GroupsPanel } from '../groups/GroupsPanel.tsx';
import { IntakePanel } from '../intake/IntakePanel.tsx';
import { AuditPanel } from './AuditPanel.tsx';
import { DossierPanel } from '../dossiers/DossierPanel.tsx';
import { MembersPanel } from './MembersPanel.tsx';

export type CaseTab = 'intake' | 'media' | 'groups' | 'members' | 'audit' | 'dossier';
const TAB_LABEL: Record<CaseTab, MessageKey> = {
  intake: 'case.tab.intake',
  media: 'case.tab.media',
  groups: 'case.tab.groups',
  members: 'case.tab.members',
  audit: 'case.tab.audit',
  dossier: 'case.tab.dossier',
};

function CountsLine({ counts }: { counts: CaseCounts | null }) {
  const { t, fmt } = useI18n();
  if (!counts) return null;
  return (
    <p className="counts-line">
      <span>{t('counts.filesN', { n: counts.files })}</span>
      <span>{t('counts.imagesN', { n: counts.images })}</span>
      <span>
        <Status tone="info">{t('counts.knownN', { n: counts.known })}</Status>
      </span>
      <span>
        <Status tone={counts.uncategorised ? 'warn' : 'ok'}>
          {t('counts.uncategorisedN', { n: counts.uncategorised })}
        </Status>
      </span>
      <span>
        <Status tone={counts.errors ? 'error' : 'ok'}>{t('counts.errorsN', { n: counts.errors })}</Status>
      </span>
      <span className="muted">
        {t('counts.categorisedN', { n: counts.categorised, total: fmt.number(counts.media) })}
      </span>
    </p>
  );
}

export function CasePage({ caseId, tab }: { caseId: string; tab: CaseTab }) {
  const { t } = useI18n();
  const [kase, setCase] = useState<Case | null>(null);
  const [counts, setCounts] = useState<CaseCounts | null>(null);
  const [error, setError] = useState<unknown>(null);
  const refreshCounts = useCallback(() => {
    endpoints.counts(caseId).then(setCounts, () => undefined);
  }, [caseId]);
  useEffect(() => {
    endpoints.case(caseId).then(setCase, setError);
    refreshCounts();
  }, [caseId, refreshCounts]);

  if (error)
    return (
      <main className="page">
        <ErrorNote error={error} />
        <Link to="/cases">{t('nav.backToCases')}</Link>
      </main>
    );
  if (!kase)
    return (
      <main className="page" aria-busy="true">
        <p>{t('common.loading')}</p>
      </main>
    );
  const canWrite = kase.access === 'write';
  return (
    <main className={tab === 'media' ? 'page page-fill' : 'page'}>
      <header className="case-header">
        <h1>
          <span className="case-number">{kase.number}</span> {kase.title}
        </h1>
        <p className="muted">
          {kase.unit} · {t(`cases.status.${kase.status}`)}
          {!canWrite && <span className="tag">{t('cases.readOnly')}</span>}
          {' · '}
          <Link to={`/cases/${caseId}/board`}>{t('board.link')}</Link>
        </p>
        <CountsLine counts={counts} />
      </header>
      <nav className="tabs" aria-label={t('case.tabs')}>
        {(Object.keys(TAB_LABEL) as CaseTab[]).map((name) => (
          <Link key={name} to={`/cases/${caseId}/${name}`} aria-current={name === tab ? 'page' : undefined}>
            {t(TAB_LABEL[name])}
          </Link>
        ))}
      </nav>
      {tab === 'intake' && <IntakePanel kase={kase} onProcessed={refreshCounts} />}
      {tab === 'media' && <MediaWorkbench kase={kase} onChanged={refreshCounts} />}
      {tab === 'groups' && <GroupsPanel kase={kase} onChanged={refreshCounts} />}
      {tab === 'members' && <MembersPanel kase={kase} />}
      {tab === 'audit' && <AuditPanel kase={kase} />}
      {tab === 'dossier' && <DossierPanel kase={kase} />}
    </main>
  );
}
