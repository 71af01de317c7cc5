// The form that opens a new case; administrators also choose the owning unit.
import { useEffect, useState, type FormEvent } from 'react';
import { endpoints } from '../../api/endpoints.ts';
import type { Case } from '../../api/types.ts';
import { useApp } from '../../app/AppContext.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { ErrorNote } from '../../ui/bits.tsx';

// Only administrators may open a case for another unit, so only they need the list.
function useUnitNames(isAdmin: boolean): string[] {
  const [units, setUnits] = useState<string[]>([]);
  useEffect(() => {
    if (isAdmin)
      endpoints.units().then(
        (u) => setUnits(u.map((x) => x.name)),
        () => undefined,
      );
  }, [isAdmin]);
  return units;
}

function UnitSelect({ units, defaultUnit }: { units: string[]; defaultUnit: string }) {
  const { t } = useI18n();
  return (
    <label>
      {t('cases.unit')}{' '}
      <select name="unit" defaultValue={defaultUnit}>
        {units.map((u) => (
          <option key={u}>{u}</option>
        ))}
      </select>
    </label>
  );
}

export function NewCase({ onCreated }: { onCreated: (c: Case) => void }) {
  const { t } = useI18n();
  const { user } = useApp();
  const [error, setError] = useState<unknown>(null);
  const units = useUnitNames(user.role === 'admin');
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
      {units.length > 0 && <UnitSelect units={units} defaultUnit={user.unit} />}
      <button type="submit" className="primary">
        {t('cases.create')}
      </button>
      <ErrorNote error={error} />
    </form>
  );
}
