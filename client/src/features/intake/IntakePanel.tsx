// Intake: upload exports with byte progress, watch each one being processed, and keep the chain of
// custody (who, when, SHA-256, size, status) and the list of files that could not be used in view.
import { useCallback, useEffect, useState } from 'react';
import { endpoints } from '../../api/endpoints.ts';
import type { Case, EvidenceView } from '../../api/types.ts';
import { Link } from '../../app/router.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { ErrorNote, Progress, Status } from '../../ui/bits.tsx';
import { Dropzone } from './Dropzone.tsx';
import { ErrorList } from './ErrorList.tsx';
import { ProcessingProgress } from './ProcessingProgress.tsx';
import { useEvidenceProgress } from './useEvidenceProgress.ts';
import { useUploads, type Upload } from './useUploads.ts';

type EvidenceStatus = 'stored' | 'unpacking' | 'unpacked' | 'failed' | 'paused';

type LiveProps = { evidenceId: string; live: boolean; onDone: () => void; canResume: boolean };

function EvidenceProgress({ evidenceId, live, onDone, canResume }: LiveProps) {
  const { progress, reconnecting } = useEvidenceProgress(evidenceId, live);
  useEffect(() => {
    if (progress?.done) onDone();
  }, [progress?.done, onDone]);
  return live ? <ProcessingProgress progress={progress} reconnecting={reconnecting} canResume={canResume} /> : null;
}

type RowProps = { u: Upload; caseId: string; onDone: () => void; canResume: boolean };

function UploadRow({ u, caseId, onDone, canResume }: RowProps) {
  const { t, fmt } = useI18n();
  return (
    <li className="upload">
      <p className="upload-name">
        <strong>{u.file.name}</strong> <span className="muted">{fmt.bytes(u.file.size)}</span>
      </p>
      {(u.state === 'uploading' || u.state === 'queued') && (
        <Progress
          label={t('intake.uploading')}
          value={u.loaded}
          max={u.file.size}
          detail={`${fmt.bytes(u.loaded)} / ${fmt.bytes(u.file.size)}`}
        />
      )}
      {u.state === 'duplicate' && (
        <p role="alert">
          <Status tone="warn">{t('intake.duplicate')}</Status> {u.message}
        </p>
      )}
      {u.state === 'failed' && (
        <p role="alert">
          <Status tone="error">{t('intake.uploadFailed')}</Status> {u.message}
        </p>
      )}
      {u.state === 'stored' && u.evidenceId && (
        <>
          <p>
            <Status tone="ok">{t('intake.stored')}</Status>{' '}
            <Link to={`/cases/${caseId}/media`}>{t('intake.openGrid')}</Link>
          </p>
          <EvidenceProgress evidenceId={u.evidenceId} live onDone={onDone} canResume={canResume} />
        </>
      )}
    </li>
  );
}

type TableProps = { evidence: EvidenceView[]; watched: Set<string>; onDone: () => void; canResume: boolean };

function EvidenceTable({ evidence, watched, onDone, canResume }: TableProps) {
  const { t, fmt } = useI18n();
  const tone = (s: string) => (s === 'unpacked' ? 'ok' : s === 'failed' ? 'error' : s === 'paused' ? 'warn' : 'busy');
  // Still being worked on, or waiting for storage: live progress (and, when paused, "hervatten").
  const live = (e: EvidenceView) =>
    e.status === 'stored' || e.status === 'unpacking' || e.status === 'paused' || e.pausedReason !== null;
  return (
    <table className="table">
      <caption className="sr-only">{t('intake.custody')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('intake.file')}</th>
          <th scope="col">{t('intake.uploadedBy')}</th>
          <th scope="col">{t('intake.uploadedAt')}</th>
          <th scope="col">SHA-256</th>
          <th scope="col" className="num">
            {t('intake.size')}
          </th>
          <th scope="col">{t('intake.status')}</th>
        </tr>
      </thead>
      <tbody>
        {evidence.map((e) => (
          <tr key={e.id}>
            <td>{e.originalName}</td>
            <td>{e.uploadedBy}</td>
            <td>{fmt.dateTime(e.uploadedAt)}</td>
            <td>
              <code className="hash" title={e.sha256}>
                {e.sha256}
              </code>
            </td>
            <td className="num">{fmt.bytes(e.size)}</td>
            <td>
              <Status tone={tone(e.status)}>{t(`evidence.status.${e.status as EvidenceStatus}`)}</Status>
              {e.error && <span className="error-text"> {e.error}</span>}
              {live(e) && !watched.has(e.id) && (
                <EvidenceProgress evidenceId={e.id} live onDone={onDone} canResume={canResume} />
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function IntakePanel({ kase, onProcessed }: { kase: Case; onProcessed: () => void }) {
  const { t } = useI18n();
  const [evidence, setEvidence] = useState<EvidenceView[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [errorsVersion, setErrorsVersion] = useState(0);
  const canWrite = kase.access === 'write';

  const reload = useCallback(() => {
    endpoints.evidence(kase.id).then(setEvidence, setError);
  }, [kase.id]);
  useEffect(reload, [reload]);
  const processed = useCallback(() => {
    reload();
    onProcessed();
    setErrorsVersion((v) => v + 1);
  }, [reload, onProcessed]);
  const { uploads, start } = useUploads(kase.id, reload);

  const watched = new Set(uploads.flatMap((u) => (u.evidenceId ? [u.evidenceId] : [])));
  return (
    <section aria-labelledby="intake-title" className="intake">
      <h2 id="intake-title">{t('intake.title')}</h2>
      {canWrite ? (
        <Dropzone onFiles={(f) => void start(f)} label={t('intake.drop')} />
      ) : (
        <p className="notice">{t('intake.readOnly')}</p>
      )}
      {uploads.length > 0 && (
        <ul className="uploads" aria-label={t('intake.uploads')}>
          {uploads.map((u) => (
            <UploadRow key={u.id} u={u} caseId={kase.id} onDone={processed} canResume={canWrite} />
          ))}
        </ul>
      )}
      <h2>{t('intake.custody')}</h2>
      <ErrorNote error={error} onRetry={reload} />
      {evidence && evidence.length === 0 && <p className="muted">{t('intake.noEvidence')}</p>}
      {evidence && evidence.length > 0 && (
        <EvidenceTable evidence={evidence} watched={watched} onDone={processed} canResume={canWrite} />
      )}
      <ErrorList caseId={kase.id} version={errorsVersion} />
    </section>
  );
}
