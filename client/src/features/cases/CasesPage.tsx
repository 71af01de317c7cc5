// All cases the analyst may open, with unit, status and the counts that say how much work is left.
import { useEffect, useState, type FormEvent } from 'react';
import { endpoints } from '../../api/endpoints.ts';
import type { Case, CaseCounts } from '../../api/types.ts';
import { useApp } from '../../app/AppContext.tsx';
import { Link, navigate } from '../../app/router.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { ErrorNote, Status } from '../../ui/bits.tsx';

function CountCells({ counts }: { counts: CaseCounts | null | undefined }) {
  const { t, fmt } = useI18n();
  if (counts === undefined)
    return (
      <td colSpan={5} className="muted">
        {t('common.loading')}
      </td>
    );
  if (counts === null)
    return (
      <td colSpan={5} className="muted">
        —
      </td>
    );
  return (
    <>
      <td className="num">{fmt.number(counts.files)}</td>
      <td className="num">{fmt.number(counts.images)}</td>
      <td className="num">{counts.known > 0 ? <Status tone="info">{fmt.number(counts.known)}</Status> : '0'}</td>
      <td className="num">
        {counts.uncategorised > 0 ? (
          <Status tone="warn">{fmt.number(counts.uncategorised)}</Status>
        ) : (
          <Status tone="ok">0</Status>
        )}
      </td>
      <td className="num">{counts.errors > 0 ? <Status tone="error">{fmt.number(counts.errors)}</Status> : '0'}</td>
    </>
  );
}

function NewCase({ onCreated }: { onCreated: (c: Case) => void }) {
  const { t } = useI18n();
  const { user } = useApp();
  const [error, setError] = useState<unknown>(null);
  const [units, setUnits] = useState<string[]>([]);
  useEffect(() => {
    if (user.role === 'admin')
      endpoints.units().then(
        (u) => setUnits(u.map((x) => x.name)),
        () => undefined,
      );
  }, [user.role]);
  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    setError(null);
    try {
      onCreated(
        await endpoints.createCase({
          number: String(form.get('number')),
          title: String(form.get('title')),
          unit: String(form.get('unit') ?? '') || undefined,
        }),
      );
    } catch (err) {
      setError(err);
    }
  }
  if (user.role === 'prosecutor') return null;
  return (
    <form className="inline-form" onSubmit={submit} aria-labelledby="new-case-title">
      <h2 id="new-case-title">{t('cases.new')}</h2>
      <label>
        {t('cases.number')}{' '}
        <input
          name="number"
          required
          maxLength={64}
          pattern="[A-Za-z0-9][A-Za-z0-9._\/\-]{0,63}"
          placeholder="2026-AM-0001"
        />
      </label>
      <label>
        {t('cases.caseTitle')} <input name="title" required maxLength={500} />
      </label>
      {units.length > 0 && (
        <label>
          {t('cases.unit')}{' '}
          <select name="unit" defaultValue={user.unit}>
            {units.map((u) => (
              <option key={u}>{u}</option>
            ))}
          </select>
        </label>
      )}
      <button type="submit" className="primary">
        {t('cases.create')}
      </button>
      <ErrorNote error={error} />
    </form>
  );
}

export function CasesPage() {
  const { t } = useI18n();
  const [cases, setCases] = useState<Case[] | null>(null);
  const [counts, setCounts] = useState<Record<string, CaseCounts | null>>({});
  const [error, setError] = useState<unknown>(null);

  const load = () => {
    setError(null);
    endpoints.cases().then((list) => {
      setCases(list);
      for (const c of list)
        endpoints.counts(c.id).then(
          (n) => setCounts((m) => ({ ...m, [c.id]: n })),
          () => setCounts((m) => ({ ...m, [c.id]: null })),
        );
    }, setError);
  };
  useEffect(load, []);

  return (
    <main className="page">
      <h1>{t('cases.title')}</h1>
      <NewCase onCreated={(c) => navigate(`/cases/${c.id}`)} />
      <ErrorNote error={error} onRetry={load} />
      {cases && cases.length === 0 && <p>{t('cases.none')}</p>}
      {cases && cases.length > 0 && (
        <table className="table">
          <caption className="sr-only">{t('cases.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('cases.number')}</th>
              <th scope="col">{t('cases.caseTitle')}</th>
              <th scope="col">{t('cases.unit')}</th>
              <th scope="col">{t('cases.status')}</th>
              <th scope="col" className="num">
                {t('counts.files')}
              </th>
              <th scope="col" className="num">
                {t('counts.images')}
              </th>
              <th scope="col" className="num">
                {t('counts.known')}
              </th>
              <th scope="col" className="num">
                {t('counts.uncategorised')}
              </th>
              <th scope="col" className="num">
                {t('counts.errors')}
              </th>
            </tr>
          </thead>
          <tbody>
            {cases.map((c) => (
              <tr key={c.id}>
                <td>
                  <Link to={`/cases/${c.id}`}>{c.number}</Link>
                </td>
                <td>
                  {c.title}
                  {c.access === 'read' && <span className="tag">{t('cases.readOnly')}</span>}
                </td>
                <td>{c.unit}</td>
                <td>
                  <Status tone={c.status === 'open' ? 'ok' : 'info'}>{t(`cases.status.${c.status}`)}</Status>
                </td>
                <CountCells counts={counts[c.id]} />
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </main>
  );
}
