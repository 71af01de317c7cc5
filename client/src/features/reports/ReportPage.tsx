// One melding: facts, text with the selectors highlighted, attachments blurred with boxes, its cluster and hints.
import { useCallback, useEffect, useState } from 'react';
import { Link } from '../../app/router.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { ErrorNote, Progress, Status } from '../../ui/bits.tsx';
import { reportsApi, type LinksView, type ReportDetailView } from './api.ts';
import { AttachmentFigure } from './AttachmentFigure.tsx';
import { ClusterTable } from './ClusterTable.tsx';
import { HighlightedText } from './HighlightedText.tsx';
import { isBusy, offenceKey, POLL_MS } from './labels.ts';
import { Hints, SelectorsTable } from './ReportParts.tsx';
import { ReportStatus } from './ReportStatus.tsx';

function useReport(id: string) {
  const [report, setReport] = useState<ReportDetailView | null>(null);
  const [links, setLinks] = useState<LinksView | null>(null);
  const [error, setError] = useState<unknown>(null);
  const load = useCallback(async () => {
    try {
      const detail = await reportsApi.detail(id);
      setReport(detail);
      if (!isBusy(detail.status)) setLinks(await reportsApi.links(id));
      setError(null);
    } catch (e) {
      setError(e);
    }
  }, [id]);
  useEffect(() => void load(), [load]);
  const busy = report ? isBusy(report.status) || report.attachments.some((a) => a.ocrStatus === 'pending') : false;
  useEffect(() => {
    if (!busy) return;
    const timer = setInterval(() => void load(), POLL_MS);
    return () => clearInterval(timer);
  }, [busy, load]);
  return { report, links, error, busy, load };
}

function Facts({ report: r }: { report: ReportDetailView }) {
  const { t, fmt, lang } = useI18n();
  return (
    <dl className="kv report-facts">
      <dt>{t('reports.col.unit')}</dt>
      <dd>{r.unit}</dd>
      <dt>{t('reports.col.received')}</dt>
      <dd>{r.received}</dd>
      <dt>{t('reports.col.offence')}</dt>
      <dd>{t(offenceKey(r.offence))}</dd>
      <dt>{t('report.minor')}</dt>
      <dd>{r.victimMinor ? t('common.yes') : t('common.no')}</dd>
      <dt>{t('report.aangifte')}</dt>
      <dd>{r.aangifte ? t('common.yes') : t('common.no')}</dd>
      <dt>{t('reports.col.status')}</dt>
      <dd>
        <ReportStatus status={r.status} />
        {r.error && <Status tone="error">{r.error[lang]}</Status>}
      </dd>
      <dd className="muted">{t('report.createdBy', { name: r.createdBy, at: fmt.dateTime(r.createdAt) })}</dd>
    </dl>
  );
}

function Body({ report: r, links }: { report: ReportDetailView; links: LinksView | null }) {
  const { t } = useI18n();
  const images = r.attachments;
  return (
    <>
      <section aria-labelledby="report-text">
        <h2 id="report-text">{t('report.text')}</h2>
        <HighlightedText text={r.text} selectors={r.selectors} />
      </section>
      <section aria-labelledby="report-attachments">
        <h2 id="report-attachments">{t('report.attachments', { n: images.length })}</h2>
        <p className="hint">{t('report.attachments.hint')}</p>
        <div className="attachments">
          {images.map((a) => (
            <AttachmentFigure key={a.id} reportId={r.id} attachment={a} selectors={r.selectors} />
          ))}
        </div>
      </section>
      <section aria-labelledby="report-selectors">
        <h2 id="report-selectors">{t('report.selectors', { n: r.selectors.length })}</h2>
        <SelectorsTable selectors={r.selectors} attachments={r.attachments} />
      </section>
      <section aria-labelledby="report-cluster">
        <h2 id="report-cluster">{t('reports.col.cluster')}</h2>
        {links?.cluster ? <ClusterTable cluster={links.cluster} /> : <p className="muted">{t('report.links.none')}</p>}
        {links?.cluster && <Link to={`/clusters/${links.cluster.id}`}>{t('cluster.open')}</Link>}
        {links && <Hints hints={links.hints} />}
      </section>
    </>
  );
}

export function ReportPage({ id }: { id: string }) {
  const { t } = useI18n();
  const { report, links, error, busy, load } = useReport(id);
  return (
    <main className="page report-page">
      <p>
        <Link to="/reports">← {t('report.back')}</Link>
      </p>
      <ErrorNote error={error} onRetry={() => void load()} />
      {!report && !error && <p className="muted">{t('common.loading')}</p>}
      {report && (
        <>
          <h1>{t('report.title', { number: report.number })}</h1>
          <Facts report={report} />
          {busy && <Progress label={t('reports.extracting')} value={0} max={null} detail=" " />}
          <Body report={report} links={links} />
        </>
      )}
    </main>
  );
}
