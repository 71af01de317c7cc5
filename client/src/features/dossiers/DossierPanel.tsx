// The case's dossiers for the prosecutor: generate one (leads and analysts), follow its progress, download the
// zip (every member, prosecutors too), see the unit's key, and check a downloaded dossier.
import { useCallback, useEffect, useState } from 'react';
import type { Case } from '../../api/types.ts';
import { useI18n } from '../../i18n/index.tsx';
import { ErrorNote, Progress, Status } from '../../ui/bits.tsx';
import { dossierApi, type DossierJobView, type DossierKeyView } from './api.ts';
import { VerifyDossier } from './VerifyDossier.tsx';

const STEP_NAMES = ['', 'items.csv', 'vics.json', 'case.jsonld', 'dossier.pdf', 'manifest'];
const TONE = { queued: 'busy', running: 'busy', done: 'ok', failed: 'error' } as const;

function JobProgress({ job }: { job: DossierJobView }) {
  const { t } = useI18n();
  const p = job.progress;
  if (job.status !== 'running' || !p.step) return null;
  const label = t('dossier.step', { step: p.step, steps: p.steps ?? 5, name: STEP_NAMES[p.step] ?? '' });
  return <Progress label={label} value={p.items ?? 0} max={p.total ?? null} />;
}

function JobRow({ job, caseId }: { job: DossierJobView; caseId: string }) {
  const { t, fmt } = useI18n();
  const d = job.dossier;
  return (
    <tr data-status={job.status}>
      <td>{fmt.dateTime(job.createdAt)}</td>
      <td>{job.createdBy}</td>
      <td>
        <Status tone={TONE[job.status]}>{t(`dossier.status.${job.status}`)}</Status>
        <JobProgress job={job} />
        {job.error && <p className="error-text">{job.error}</p>}
      </td>
      <td>{d ? fmt.dateTime(d.asOf) : '—'}</td>
      <td>
        {d
          ? t('dossier.counts', {
              files: d.counts.files,
              uncategorised: d.counts.uncategorised,
              errors: d.counts.errors,
            })
          : '—'}
      </td>
      <td className="mono ellipsis" title={d?.manifestSha256}>
        {d ? d.manifestSha256.slice(0, 16) : '—'}
      </td>
      <td>
        {d && (
          <a href={dossierApi.zipUrl(caseId, d.id)} download>
            {t('dossier.download')}
          </a>
        )}
      </td>
    </tr>
  );
}

function useDossiers(caseId: string) {
  const [jobs, setJobs] = useState<DossierJobView[]>([]);
  const [error, setError] = useState<unknown>(null);
  const load = useCallback(() => dossierApi.list(caseId).then(setJobs, setError), [caseId]);
  const busy = jobs.some((j) => j.status === 'queued' || j.status === 'running');
  useEffect(() => {
    void load();
  }, [load]);
  useEffect(() => {
    if (!busy) return;
    const timer = setInterval(() => void load(), 1000);
    return () => clearInterval(timer);
  }, [busy, load]);
  return { jobs, error, setError, load, busy };
}

export function DossierPanel({ kase }: { kase: Case }) {
  const { t } = useI18n();
  const { jobs, error, setError, load, busy } = useDossiers(kase.id);
  const [key, setKey] = useState<DossierKeyView | null>(null);
  useEffect(() => {
    dossierApi.key(kase.id).then(setKey, () => undefined);
  }, [kase.id]);
  const start = () => dossierApi.start(kase.id).then(load, setError);
  return (
    <section aria-labelledby="dossier-title" className="dossiers">
      <h2 id="dossier-title">{t('dossier.title')}</h2>
      <p className="hint">{t('dossier.hint')}</p>
      {kase.access === 'write' ? (
        <button type="button" className="primary" onClick={() => void start()} disabled={busy}>
          {busy ? t('dossier.generating') : t('dossier.generate')}
        </button>
      ) : (
        <p className="muted">{t('dossier.readOnly')}</p>
      )}
      <ErrorNote error={error} onRetry={() => void load()} />
      {jobs.length === 0 ? (
        <p className="muted">{t('dossier.empty')}</p>
      ) : (
        <table className="table dossier-list">
          <thead>
            <tr>
              {(['created', 'by', 'status', 'asOf', 'counts', 'manifest', 'download'] as const).map((c) => (
                <th key={c} scope="col">
                  {t(`dossier.col.${c}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {jobs.map((j) => (
              <JobRow key={j.jobId} job={j} caseId={kase.id} />
            ))}
          </tbody>
        </table>
      )}
      {key && <p className="muted mono">{t('dossier.key', { unit: key.unit, fingerprint: key.fingerprint })}</p>}
      <VerifyDossier />
    </section>
  );
}
