// The frontoffice's steps on a signal: acknowledge, assign to a member of the unit, close with a note.
import { useState, type FormEvent } from 'react';
import { useI18n } from '../../i18n/index.tsx';
import { ErrorNote, Status } from '../../ui/bits.tsx';
import { reportsApi, type SignalView } from './api.ts';

export function SignalActions({ signal, onChanged }: { signal: SignalView; onChanged: (s: SignalView) => void }) {
  const { t } = useI18n();
  const [assignee, setAssignee] = useState(signal.assignee ?? '');
  const [note, setNote] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState(false);
  const step = async (work: () => Promise<SignalView>) => {
    setError(null);
    setDone(false);
    try {
      onChanged(await work());
      setDone(true);
    } catch (e) {
      setError(e);
    }
  };
  const submit = (work: () => Promise<SignalView>) => (e: FormEvent) => {
    e.preventDefault();
    void step(work);
  };
  if (signal.state === 'closed') return <p>{t('signals.closedNote', { note: signal.note ?? '' })}</p>;
  return (
    <div className="signal-actions">
      {signal.state === 'open' && (
        <button type="button" onClick={() => void step(() => reportsApi.acknowledge(signal.id))}>
          {t('signals.acknowledge')}
        </button>
      )}
      <form className="inline-form" onSubmit={submit(() => reportsApi.assign(signal.id, assignee.trim()))}>
        <label>
          {t('signals.assignee')}
          <input value={assignee} onChange={(e) => setAssignee(e.target.value)} required autoComplete="off" />
        </label>
        <button type="submit">{t('signals.assign')}</button>
      </form>
      <form className="inline-form" onSubmit={submit(() => reportsApi.close(signal.id, note.trim()))}>
        <label className="grow">
          {t('signals.note')}
          <textarea value={note} onChange={(e) => setNote(e.target.value)} required rows={2} maxLength={4000} />
        </label>
        <button type="submit">{t('signals.close')}</button>
      </form>
      {done && <Status tone="ok">{t('signals.done')}</Status>}
      <ErrorNote error={error} />
    </div>
  );
}
