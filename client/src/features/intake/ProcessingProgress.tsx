// Per-stage progress of one evidence: unpack, store, analyse, thumbnails, near-duplicate grouping.
import type { ProgressView } from '../../api/types.ts';
import { useI18n } from '../../i18n/index.tsx';
import { Progress, Status } from '../../ui/bits.tsx';

export function ProcessingProgress({ progress, reconnecting }: { progress: ProgressView | null; reconnecting: boolean }) {
  const { t, fmt } = useI18n();
  if (!progress) return <p className="muted" aria-live="polite">{t('intake.waitingForProgress')}</p>;
  const p = progress;
  const unpacked = p.status === 'unpacked' || p.status === 'failed';
  const usable = Math.max(0, p.found - p.rejected);
  return (
    <div className="stages" aria-live="polite">
      <Progress label={t('intake.stage.unpack')} value={p.found} max={unpacked ? p.found : null}
        detail={unpacked ? t('intake.stage.unpackDone', { n: p.found }) : t('intake.stage.unpackBusy', { n: p.found })} />
      <Progress label={t('intake.stage.store')} value={p.stored} max={unpacked ? usable : null} />
      <Progress label={t('intake.stage.analyse')} value={p.processed} max={p.stored || null} />
      <Progress label={t('intake.stage.thumbnails')} value={p.thumbnails} max={p.images || null} />
      <Progress label={t('intake.stage.group')} value={p.done || p.ungrouped === 0 ? 1 : 0} max={1}
        detail={p.ungrouped > 0 ? t('intake.stage.groupBusy', { n: p.ungrouped }) : p.pending > 0 ? t('intake.stage.groupWaiting') : t('intake.stage.groupDone')} />
      <p className="stage-summary">
        {p.done
          ? p.status === 'failed' ? <Status tone="error">{t('intake.failed', { error: p.error ?? '' })}</Status> : <Status tone="ok">{t('intake.done')}</Status>
          : <Status tone="busy">{reconnecting ? t('intake.reconnecting') : t('intake.busy')}</Status>}
        {' '}<span>{t('intake.rejectedN', { n: p.rejected })}</span> · <span>{t('intake.failedN', { n: p.failed })}</span>
        {p.pending > 0 && <> · <span>{t('intake.pendingN', { n: fmt.number(p.pending) })}</span></>}
      </p>
    </div>
  );
}
