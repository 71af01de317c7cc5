// Per-stage progress of one evidence: unpack, store, analyse, thumbnails, near-duplicate grouping.
import { useState } from 'react';
import { endpoints } from '../../api/endpoints.ts';
import type { ProgressView } from '../../api/types.ts';
import { useI18n } from '../../i18n/index.tsx';
import { ErrorNote, Progress, Status } from '../../ui/bits.tsx';

/** A paused ingest (full disk, storage fault) says so, and can be resumed now ("hervatten") by those who may write. */
function Paused({ progress, canResume }: { progress: ProgressView; canResume: boolean }) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const hint = `resume-hint-${progress.evidenceId}`;
  const resume = () => {
    setBusy(true);
    setError(null);
    endpoints
      .resumeEvidence(progress.evidenceId)
      .catch(setError)
      .finally(() => setBusy(false));
  };
  return (
    <div className="paused" role="status">
      {progress.paused && (
        <p>
          <Status tone="warn">{t(`intake.paused.${progress.paused.reason}`)}</Status>
        </p>
      )}
      {canResume && (
        <p>
          <button type="button" onClick={resume} disabled={busy} aria-describedby={hint}>
            {busy ? t('intake.resuming') : t('intake.resume')}
          </button>{' '}
          <span className="muted" id={hint}>
            {t('intake.resumeHint')}
          </span>
        </p>
      )}
      <ErrorNote error={error} onRetry={resume} />
    </div>
  );
}

/** The OCR stage of the case's images: lower priority, after hashing; not part of "done". */
function OcrStage({ ocr }: { ocr: ProgressView['ocr'] | undefined }) {
  const { t } = useI18n();
  if (!ocr) return null;
  const handled = ocr.read + ocr.noText + ocr.failed;
  return (
    <Progress
      label={t('intake.stage.ocr')}
      value={handled}
      max={handled + ocr.pending || null}
      detail={t('intake.stage.ocrDetail', { ...ocr })}
    />
  );
}

type Props = { progress: ProgressView | null; reconnecting: boolean; canResume?: boolean };

export function ProcessingProgress({ progress, reconnecting, canResume = false }: Props) {
  const { t, fmt } = useI18n();
  if (!progress)
    return (
      <p className="muted" aria-live="polite">
        {t('intake.waitingForProgress')}
      </p>
    );
  const p = progress;
  const unpacked = p.status === 'unpacked' || p.status === 'failed';
  const usable = Math.max(0, p.found - p.rejected);
  return (
    <div className="stages" aria-live="polite">
      {(p.paused || (p.resumable && canResume)) && <Paused progress={p} canResume={canResume && p.resumable} />}
      <Progress
        label={t('intake.stage.unpack')}
        value={p.found}
        max={unpacked ? p.found : null}
        detail={unpacked ? t('intake.stage.unpackDone', { n: p.found }) : t('intake.stage.unpackBusy', { n: p.found })}
      />
      <Progress label={t('intake.stage.store')} value={p.stored} max={unpacked ? usable : null} />
      <Progress label={t('intake.stage.analyse')} value={p.processed} max={p.stored || null} />
      <Progress label={t('intake.stage.thumbnails')} value={p.thumbnails} max={p.images || null} />
      <Progress
        label={t('intake.stage.group')}
        value={p.done || p.ungrouped === 0 ? 1 : 0}
        max={1}
        detail={
          p.ungrouped > 0
            ? t('intake.stage.groupBusy', { n: p.ungrouped })
            : p.pending > 0
              ? t('intake.stage.groupWaiting')
              : t('intake.stage.groupDone')
        }
      />
      <OcrStage ocr={p.ocr} />
      <p className="stage-summary">
        {p.done ? (
          p.status === 'failed' ? (
            <Status tone="error">{t('intake.failed', { error: p.error ?? '' })}</Status>
          ) : (
            <Status tone="ok">{t('intake.done')}</Status>
          )
        ) : p.paused ? (
          <Status tone="warn">{t('evidence.status.paused')}</Status>
        ) : (
          <Status tone="busy">{reconnecting ? t('intake.reconnecting') : t('intake.busy')}</Status>
        )}{' '}
        <span>{t('intake.rejectedN', { n: p.rejected })}</span> · <span>{t('intake.failedN', { n: p.failed })}</span>
        {p.pending > 0 && (
          <>
            {' '}
            · <span>{t('intake.pendingN', { n: fmt.number(p.pending) })}</span>
          </>
        )}
      </p>
    </div>
  );
}
