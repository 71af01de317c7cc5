// Hash-set administration: the sets with versions and entry counts, and imports with live progress.
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { endpoints } from '../../api/endpoints.ts';
import { query } from '../../api/http.ts';
import type { HashSet, HashSetImport } from '../../api/types.ts';
import { uploadRaw } from '../../api/upload.ts';
import { useI18n, type MessageKey } from '../../i18n/index.tsx';
import { ErrorNote, Progress, Status, isNotFound } from '../../ui/bits.tsx';

const STATUS: Record<string, MessageKey> = {
  active: 'hashsets.status.active',
  importing: 'hashsets.status.importing',
  superseded: 'hashsets.status.superseded',
  failed: 'hashsets.status.failed',
};

function ImportForm({ onDone }: { onDone: () => void }) {
  const { t, fmt } = useI18n();
  const [upload, setUpload] = useState<{ loaded: number; total: number } | null>(null);
  const [job, setJob] = useState<{ id: string; state: HashSetImport | null } | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    if (!job || job.state?.status === 'done' || job.state?.status === 'failed') return;
    const timer = window.setTimeout(() => {
      endpoints.hashSetImport(job.id).then((state) => {
        setJob({ id: job.id, state });
        if (state.status === 'done') onDone();
      }, setError);
    }, 1000);
    return () => window.clearTimeout(timer);
  }, [job, onDone]);

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const file = form.get('file') as File | null;
    if (!file || !file.size) return;
    setError(null);
    setJob(null);
    setUpload({ loaded: 0, total: file.size });
    const params = {
      name: String(form.get('name')),
      version: String(form.get('version')),
      format: String(form.get('format')),
      source: String(form.get('source')),
      visibility: String(form.get('visibility')),
    };
    try {
      const { importId } = await uploadRaw<{ importId: string }>(
        `/api/hashsets/import${query(params)}`,
        file,
        setUpload,
      );
      setJob({ id: importId, state: null });
    } catch (err) {
      setError(err);
    } finally {
      setUpload(null);
    }
  }

  const s = job?.state;
  return (
    <form className="inline-form wrap" onSubmit={submit} aria-labelledby="import-title">
      <h2 id="import-title">{t('hashsets.import')}</h2>
      <label>
        {t('hashsets.file')} <input type="file" name="file" required />
      </label>
      <label>
        {t('hashsets.name')} <input name="name" required maxLength={200} />
      </label>
      <label>
        {t('hashsets.version')} <input name="version" required maxLength={50} />
      </label>
      <label>
        {t('hashsets.format')}{' '}
        <select name="format" defaultValue="vics">
          <option value="vics">VICS (JSON)</option>
          <option value="list">{t('hashsets.format.list')}</option>
          <option value="csv">CSV</option>
        </select>
      </label>
      <label>
        {t('hashsets.source')} <input name="source" defaultValue="own" maxLength={100} />
      </label>
      <label>
        {t('hashsets.visibility')}{' '}
        <select name="visibility" defaultValue="national">
          <option value="national">{t('hashsets.visibility.national')}</option>
          <option value="unit">{t('hashsets.visibility.unit')}</option>
        </select>
      </label>
      <button type="submit" className="primary" disabled={upload !== null}>
        {t('hashsets.start')}
      </button>
      {upload && (
        <Progress
          label={t('intake.uploading')}
          value={upload.loaded}
          max={upload.total}
          detail={`${fmt.bytes(upload.loaded)} / ${fmt.bytes(upload.total)}`}
        />
      )}
      {job && (
        <div aria-live="polite">
          <Progress
            label={t('hashsets.importing')}
            value={s?.records ?? 0}
            max={s?.status === 'done' ? s.records : null}
            detail={t('hashsets.progress', {
              records: s?.records ?? 0,
              entries: s?.entries ?? 0,
              skipped: s?.result?.skippedCount ?? 0,
            })}
          />
          {s?.status === 'done' && <Status tone="ok">{t('hashsets.importDone')}</Status>}
          {s?.status === 'failed' && (
            <Status tone="error">{t('hashsets.importFailed', { error: s.error ?? '' })}</Status>
          )}
        </div>
      )}
      {isNotFound(error) ? (
        <p role="alert">
          <Status tone="info">{t('hashsets.unavailable')}</Status>
        </p>
      ) : (
        <ErrorNote error={error} />
      )}
    </form>
  );
}

export function HashSetsPage() {
  const { t, fmt } = useI18n();
  const [sets, setSets] = useState<HashSet[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const load = useCallback(() => {
    setError(null);
    endpoints.hashSets().then(setSets, setError);
  }, []);
  useEffect(load, [load]);
  return (
    <main className="page">
      <h1>{t('hashsets.title')}</h1>
      <p className="hint">{t('hashsets.hint')}</p>
      <ImportForm onDone={load} />
      <h2>{t('hashsets.list')}</h2>
      {isNotFound(error) ? (
        <p role="alert">
          <Status tone="info">{t('hashsets.unavailable')}</Status>
        </p>
      ) : (
        <ErrorNote error={error} onRetry={load} />
      )}
      {sets && sets.length === 0 && <p className="muted">{t('hashsets.none')}</p>}
      {sets && sets.length > 0 && (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('hashsets.name')}</th>
              <th scope="col">{t('hashsets.version')}</th>
              <th scope="col">{t('hashsets.source')}</th>
              <th scope="col">{t('hashsets.format')}</th>
              <th scope="col">{t('hashsets.visibility')}</th>
              <th scope="col" className="num">
                {t('hashsets.entries')}
              </th>
              <th scope="col" className="num">
                {t('hashsets.skipped')}
              </th>
              <th scope="col">{t('intake.status')}</th>
              <th scope="col">{t('hashsets.importedBy')}</th>
            </tr>
          </thead>
          <tbody>
            {sets.map((s) => (
              <tr key={s.id}>
                <td>{s.name}</td>
                <td>{s.version}</td>
                <td>{s.source}</td>
                <td>
                  {s.format}
                  {s.profile ? ` (${s.profile})` : ''}
                </td>
                <td>
                  {s.visibility === 'unit'
                    ? `${t('hashsets.visibility.unit')}: ${s.unit}`
                    : t('hashsets.visibility.national')}
                </td>
                <td className="num">{fmt.number(s.entries)}</td>
                <td className="num">{fmt.number(s.skipped)}</td>
                <td>
                  <Status
                    tone={
                      s.status === 'active'
                        ? 'ok'
                        : s.status === 'failed'
                          ? 'error'
                          : s.status === 'importing'
                            ? 'busy'
                            : 'info'
                    }
                  >
                    {STATUS[s.status] ? t(STATUS[s.status]!) : s.status}
                  </Status>
                </td>
                <td>
                  {s.importedBy} · {fmt.dateTime(s.importedAt)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </main>
  );
}
