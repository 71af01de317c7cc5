// Every file that could not be used, with the reason, so nothing silently goes missing.
import { useCallback, useEffect, useState } from 'react';
import { endpoints } from '../../api/endpoints.ts';
import type { ItemErrorPage } from '../../api/types.ts';
import { useI18n } from '../../i18n/index.tsx';
import { ErrorNote, Status } from '../../ui/bits.tsx';

export function ErrorList({ caseId, version }: { caseId: string; version: number }) {
  const { t, fmt } = useI18n();
  const [items, setItems] = useState<ItemErrorPage['items']>([]);
  const [next, setNext] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);
  const load = useCallback(
    (after: number) => {
      endpoints.itemErrors(caseId, after).then((page) => {
        setItems((prev) => (after === 0 ? page.items : [...prev, ...page.items]));
        setNext(page.next);
      }, setError);
    },
    [caseId],
  );
  useEffect(() => load(0), [load, version]);

  return (
    <section aria-labelledby="errors-title">
      <h2 id="errors-title">{t('intake.errors.title')}</h2>
      <ErrorNote error={error} onRetry={() => load(0)} />
      {items.length === 0 ? (
        <p>
          <Status tone="ok">{t('intake.errors.none')}</Status>
        </p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('intake.errors.path')}</th>
              <th scope="col">{t('intake.errors.reason')}</th>
              <th scope="col" className="num">
                {t('intake.size')}
              </th>
            </tr>
          </thead>
          <tbody>
            {items.map((i) => (
              <tr key={i.id}>
                <td className="mono wrap">{i.path}</td>
                <td>
                  <Status tone="error">{i.error}</Status>
                </td>
                <td className="num">{fmt.bytes(i.size)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {next !== null && (
        <button type="button" onClick={() => load(next)}>
          {t('common.loadMore')}
        </button>
      )}
    </section>
  );
}
