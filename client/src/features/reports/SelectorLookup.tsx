// Lookup by selector: "has anyone reported this before?" Other units' meldingen come back as hits only.
import { useState, type FormEvent } from 'react';
import { useI18n } from '../../i18n/index.tsx';
import { ErrorNote, Status } from '../../ui/bits.tsx';
import { reportsApi, type SelectorLookup as Result } from './api.ts';

function Matches({ result }: { result: Result }) {
  const { t } = useI18n();
  return (
    <section aria-labelledby="selector-results">
      <h3 id="selector-results">{t('lookup.selector.results', { n: result.matches.length })}</h3>
      <p>{t('lookup.selector.query', { type: result.query.type, value: result.query.value })}</p>
      {result.query.public && <Status tone="info">{t('lookup.selector.public')}</Status>}
      {result.matches.length === 0 ? (
        <p className="muted">{t('lookup.selector.none')}</p>
      ) : (
        <table className="table compact">
          <thead>
            <tr>
              <th>{t('cluster.melding')}</th>
              <th>{t('reports.col.unit')}</th>
              <th>{t('reports.col.received')}</th>
              <th>{t('report.sel.surface')}</th>
              <th>{t('cluster.contact')}</th>
            </tr>
          </thead>
          <tbody>
            {result.matches.map((m, i) => (
              <tr key={`${m.report.unit}-${m.report.number}-${i}`}>
                <td>
                  {m.report.number}
                  {!m.report.visible && <span className="muted"> ({t('cluster.hidden')})</span>}
                </td>
                <td>{m.report.unit}</td>
                <td>{m.received}</td>
                <td className="mono">{m.surface ?? ''}</td>
                <td>{m.report.contact ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

export function SelectorLookup() {
  const { t } = useI18n();
  const [value, setValue] = useState('');
  const [result, setResult] = useState<Result | null>(null);
  const [error, setError] = useState<unknown>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setResult(null);
    try {
      setResult(await reportsApi.lookupSelector(value.trim()));
    } catch (err) {
      setError(err);
    }
  };
  return (
    <section aria-labelledby="selector-lookup">
      <h2 id="selector-lookup">{t('lookup.selector.title')}</h2>
      <p className="hint">{t('lookup.selector.hint')}</p>
      <form className="inline-form" onSubmit={(e) => void submit(e)}>
        <label className="grow">
          {t('lookup.selector.field')}
          <input value={value} onChange={(e) => setValue(e.target.value)} required autoComplete="off" />
        </label>
        <button type="submit" className="primary">
          {t('lookup.selector.search')}
        </button>
      </form>
      <ErrorNote error={error} />
      {result && <Matches result={result} />}
    </section>
  );
}
