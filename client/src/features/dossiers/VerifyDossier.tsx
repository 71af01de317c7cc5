// Checks a downloaded dossier zip on the server: every file against the manifest, nothing added or removed,
// and the signature against the unit's key. The same check as `spoor dossier verify`.
import { useState } from 'react';
import { useI18n } from '../../i18n/index.tsx';
import { ErrorNote, Status } from '../../ui/bits.tsx';
import { dossierApi, type VerificationView } from './api.ts';

export function VerifyDossier() {
  const { t } = useI18n();
  const [result, setResult] = useState<VerificationView | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const check = async (file: File | undefined) => {
    if (!file) return;
    setBusy(true);
    setResult(null);
    setError(null);
    try {
      setResult(await dossierApi.verify(file));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section aria-labelledby="dossier-verify-title">
      <h3 id="dossier-verify-title">{t('dossier.verify.title')}</h3>
      <p className="hint">{t('dossier.verify.hint')}</p>
      <label>
        {t('dossier.verify.choose')}{' '}
        <input type="file" accept=".zip,application/zip" onChange={(e) => void check(e.target.files?.[0])} />
      </label>
      {busy && <Status tone="busy">{t('dossier.verify.busy')}</Status>}
      <ErrorNote error={error} />
      {result && (
        <p role="status" className="dossier-verdict">
          {result.ok ? (
            <Status tone="ok">{t('dossier.verify.ok', { files: result.files ?? 0, unit: result.unit ?? '' })}</Status>
          ) : (
            <Status tone="error">{t('dossier.verify.bad', { problem: result.problem ?? '' })}</Status>
          )}
        </p>
      )}
    </section>
  );
}
