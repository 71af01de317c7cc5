// The frontoffice's signal queue: open first, then by priority, each with its reason; the chosen one below with
// its cluster (other units' meldingen as hits only) and the steps to take.
import { useCallback, useEffect, useState } from 'react';
import { navigate } from '../../app/router.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { ErrorNote } from '../../ui/bits.tsx';
import { reportsApi, type SignalDetailView, type SignalView } from './api.ts';
import { ClusterTable } from './ClusterTable.tsx';
import { QUEUE_POLL_MS } from './labels.ts';
import { SignalActions } from './SignalActions.tsx';
import { useRowKeys } from './useRowKeys.ts';

const STATES = ['open', 'acknowledged', 'assigned', 'closed'] as const;

function SignalsTable({ signals, chosen }: { signals: SignalView[]; chosen: number | null }) {
  const { t, lang, fmt } = useI18n();
  const open = (i: number) => navigate(`/signals/${signals[i]!.id}`);
  const { active, setActive, onKeyDown } = useRowKeys(signals.length, open);
  if (signals.length === 0) return <p className="muted">{t('signals.empty')}</p>;
  return (
    <table className="table signals-table" tabIndex={0} onKeyDown={onKeyDown} aria-label={t('signals.title')}>
      <thead>
        <tr>
          {(['priority', 'state', 'reason', 'raisedBy', 'assignee', 'created'] as const).map((c) => (
            <th key={c}>{t(`signals.col.${c}`)}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {signals.map((s, i) => (
          <tr
            key={s.id}
            className={[i === active ? 'active' : '', s.id === chosen ? 'chosen' : ''].join(' ').trim() || undefined}
            aria-selected={i === active}
            onClick={() => {
              setActive(i);
              open(i);
            }}
          >
            <td className="num">{s.priority}</td>
            <td>{t(`signals.state.${s.state}`)}</td>
            <td>{s.reason[lang]}</td>
            <td>{s.raisedBy}</td>
            <td>{s.assignee ?? ''}</td>
            <td>{fmt.dateTime(s.createdAt)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function SignalDetail({ detail, onChanged }: { detail: SignalDetailView; onChanged: (s: SignalView) => void }) {
  const { t, lang } = useI18n();
  const s = detail.signal;
  return (
    <section className="signal-detail" aria-labelledby="signal-title">
      <h2 id="signal-title">{t('signals.detail', { id: s.id })}</h2>
      <p className="reason">{s.reason[lang]}</p>
      {/* Keyed by the signal only: a state change (own step or the poll) must not wipe a note being typed. */}
      <SignalActions key={s.id} signal={s} onChanged={onChanged} />
      {detail.cluster && <ClusterTable cluster={detail.cluster} />}
    </section>
  );
}

function useSignals(state: string, chosen: number | null) {
  const [signals, setSignals] = useState<SignalView[] | null>(null);
  const [detail, setDetail] = useState<SignalDetailView | null>(null);
  const [error, setError] = useState<unknown>(null);
  const load = useCallback(async () => {
    try {
      setSignals((await reportsApi.signals(state || undefined)).signals);
      setDetail(chosen === null ? null : await reportsApi.signal(chosen));
      setError(null);
    } catch (e) {
      setError(e);
    }
  }, [state, chosen]);
  useEffect(() => {
    void load();
    // New signals arrive whenever another unit's melding is linked: the queue keeps itself current.
    const timer = setInterval(() => void load(), QUEUE_POLL_MS);
    return () => clearInterval(timer);
  }, [load]);
  return { signals, detail, error, load };
}

export function SignalsPage({ chosen }: { chosen: number | null }) {
  const { t } = useI18n();
  const [state, setState] = useState('');
  const { signals, detail, error, load } = useSignals(state, chosen);
  return (
    <main className="page">
      <h1>{t('signals.title')}</h1>
      <p className="hint">{t('signals.hint')}</p>
      <label>
        {t('signals.filter.state')}{' '}
        <select value={state} onChange={(e) => setState(e.target.value)}>
          <option value="">{t('reports.filter.all')}</option>
          {STATES.map((s) => (
            <option key={s} value={s}>
              {t(`signals.state.${s}`)}
            </option>
          ))}
        </select>
      </label>
      <ErrorNote error={error} onRetry={() => void load()} />
      {signals && <SignalsTable signals={signals} chosen={chosen} />}
      {detail && <SignalDetail detail={detail} onChanged={() => void load()} />}
    </main>
  );
}
