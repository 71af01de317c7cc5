// The hash-set import form: file and description, upload progress, then the import's own progress.
import { useI18n } from '../../i18n/index.tsx';
import { Progress, Status } from '../../ui/bits.tsx';
import { HashSetsError } from './HashSetsError.tsx';
import { useHashSetImport, type ImportJob, type UploadState } from './useHashSetImport.ts';

function ImportFields() {
  const { t } = useI18n();
  return (
    <>
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
    </>
  );
}

function UploadProgress({ upload }: { upload: UploadState }) {
  const { t, fmt } = useI18n();
  return (
    <Progress
      label={t('intake.uploading')}
      value={upload.loaded}
      max={upload.total}
      detail={`${fmt.bytes(upload.loaded)} / ${fmt.bytes(upload.total)}`}
    />
  );
}

function JobProgress({ job }: { job: ImportJob }) {
  const { t } = useI18n();
  const s = job.state;
  return (
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
      {s?.status === 'failed' && <Status tone="error">{t('hashsets.importFailed', { error: s.error ?? '' })}</Status>}
    </div>
  );
}

export function ImportForm({ onDone }: { onDone: () => void }) {
  const { t } = useI18n();
  const { upload, job, error, submit } = useHashSetImport(onDone);
  return (
    <form className="inline-form wrap" onSubmit={submit} aria-labelledby="import-title">
      <h2 id="import-title">{t('hashsets.import')}</h2>
      <ImportFields />
      <button type="submit" className="primary" disabled={upload !== null}>
        {t('hashsets.start')}
      </button>
      {upload && <UploadProgress upload={upload} />}
      {job && <JobProgress job={job} />}
      <HashSetsError error={error} />
    </form>
  );
}
