// Small shared pieces: progress bars, status with icon and text, and error messages that say what to do.
import type { ReactNode } from 'react';
import { ApiError } from '../api/http.ts';
import { useI18n, type MessageKey, type Translate } from '../i18n/index.tsx';

export function Progress({
  label,
  value,
  max,
  detail,
}: {
  label: string;
  value: number;
  max: number | null;
  detail?: ReactNode;
}) {
  const { fmt } = useI18n();
  const pct = max && max > 0 ? Math.min(100, (value / max) * 100) : null;
  return (
    <div className="progress">
      <div className="progress-label">
        <span>{label}</span>
        <span>
          {detail ??
            (pct === null ? fmt.number(value) : `${fmt.number(value)} / ${fmt.number(max!)} (${fmt.percent(pct)})`)}
        </span>
      </div>
      <div
        className="progress-track"
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={max ?? undefined}
        aria-valuenow={pct === null ? undefined : Math.round(pct)}
        aria-valuetext={pct === null ? fmt.number(value) : fmt.percent(pct)}
      >
        <div
          className={pct === null ? 'progress-bar indeterminate' : 'progress-bar'}
          style={pct === null ? undefined : { width: `${pct}%` }}
        />
      </div>
    </div>
  );
}

type Tone = 'ok' | 'warn' | 'error' | 'busy' | 'info';
const ICONS: Record<Tone, string> = { ok: '✓', warn: '⚠', error: '✕', busy: '⟳', info: 'ℹ' };

/** Status never by colour alone: an icon and a word as well. */
export function Status({ tone, children }: { tone: Tone; children: ReactNode }) {
  return (
    <span className={`status status-${tone}`}>
      <span aria-hidden="true">{ICONS[tone]}</span> {children}
    </span>
  );
}

const NEXT_STEP: Record<number, MessageKey> = {
  0: 'error.network',
  400: 'error.badInput',
  403: 'error.forbidden',
  404: 'error.notFound',
  409: 'error.conflict',
  413: 'error.tooLarge',
  429: 'error.throttled',
};

export function errorText(error: unknown, t: Translate): string {
  if (!(error instanceof ApiError)) return t('error.unexpected');
  const key = NEXT_STEP[error.status] ?? (error.status >= 500 ? 'error.server' : 'error.unexpected');
  return error.message && error.status !== 0 && error.status < 500 ? `${t(key)} ${error.message}` : t(key);
}

export function ErrorNote({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useI18n();
  if (!error) return null;
  return (
    <p role="alert" className="error">
      <span aria-hidden="true">⚠</span> {errorText(error, t)}{' '}
      {onRetry && (
        <button type="button" onClick={onRetry}>
          {t('common.retry')}
        </button>
      )}
    </p>
  );
}

export const isNotFound = (e: unknown) => e instanceof ApiError && e.status === 404;
