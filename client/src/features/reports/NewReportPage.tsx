// Register a melding: its facts and text, and drag-and-drop attachments each with its own upload progress.
import { useState, type FormEvent } from 'react';
import { useApp } from '../../app/AppContext.tsx';
import { Link, navigate } from '../../app/router.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { ErrorNote, Progress, Status } from '../../ui/bits.tsx';
import { Dropzone } from '../intake/Dropzone.tsx';
import { reportsApi, type NewReport } from './api.ts';
import { OFFENCES, offenceKey } from './labels.ts';
import { useReportUploads, type PendingFile } from './useReportUploads.ts';

const today = () => new Date().toISOString().slice(0, 10);
const EMPTY: NewReport = {
  number: '',
  received: today(),
  offence: null,
  victimMinor: false,
  aangifte: false,
  text: '',
};

function FileRow({ f, onRemove, locked }: { f: PendingFile; onRemove: () => void; locked: boolean }) {
  const { t } = useI18n();
  const label = `${f.file.name} — ${t(`reports.upload.${f.state}`)}`;
  return (
    <li className="upload-row">
      <Progress label={label} value={f.loaded} max={f.file.size} />
      {f.state === 'failed' && <Status tone="error">{f.message}</Status>}
      {!locked && (
        <button type="button" onClick={onRemove} aria-label={t('reports.form.remove', { name: f.file.name })}>
          ✕
        </button>
      )}
    </li>
  );
}

function useNewReport() {
  const uploads = useReportUploads();
  const [form, setForm] = useState<NewReport>(EMPTY);
  const [createdId, setCreatedId] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [partial, setPartial] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setBusy(true);
    try {
      const id = createdId ?? (await reportsApi.create({ ...form, unit: form.unit || undefined })).id;
      setCreatedId(id);
      if (await uploads.uploadAll(id)) navigate(`/reports/${id}`);
      else setPartial(true);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return { uploads, form, setForm, createdId, busy, error, partial, submit };
}

function Fields({ form, setForm }: { form: NewReport; setForm: (f: NewReport) => void }) {
  const { t } = useI18n();
  const { user } = useApp();
  const text = (k: 'number' | 'received' | 'text' | 'unit') => (e: { target: { value: string } }) =>
    setForm({ ...form, [k]: e.target.value });
  return (
    <>
      <label>
        {t('reports.form.number')}
        <input value={form.number} onChange={text('number')} required maxLength={64} autoComplete="off" />
      </label>
      <label>
        {t('reports.form.received')}
        <input type="date" value={form.received} onChange={text('received')} required />
      </label>
      <label>
        {t('reports.form.offence')}
        <select value={form.offence ?? ''} onChange={(e) => setForm({ ...form, offence: e.target.value || null })}>
          <option value="">{t('reports.offence.none')}</option>
          {OFFENCES.map((o) => (
            <option key={o} value={o}>
              {t(offenceKey(o))}
            </option>
          ))}
        </select>
      </label>
      {user.role === 'admin' && (
        <label>
          {t('reports.form.unit')}
          <input value={form.unit ?? ''} onChange={text('unit')} />
        </label>
      )}
      <label className="checkbox-label">
        <input
          type="checkbox"
          checked={form.victimMinor}
          onChange={(e) => setForm({ ...form, victimMinor: e.target.checked })}
        />
        {t('reports.form.minor')}
      </label>
      <label className="checkbox-label">
        <input
          type="checkbox"
          checked={form.aangifte}
          onChange={(e) => setForm({ ...form, aangifte: e.target.checked })}
        />
        {t('reports.form.aangifte')}
      </label>
      <label className="wide">
        {t('reports.form.text')}
        <textarea value={form.text} onChange={text('text')} rows={10} maxLength={200_000} />
      </label>
    </>
  );
}

export function NewReportPage() {
  const { t } = useI18n();
  const { uploads, form, setForm, createdId, busy, error, partial, submit } = useNewReport();
  return (
    <main className="page">
      <p>
        <Link to="/reports">← {t('report.back')}</Link>
      </p>
      <h1>{t('reports.form.title')}</h1>
      <form className="report-form" onSubmit={(e) => void submit(e)}>
        <Fields form={form} setForm={setForm} />
        <Dropzone onFiles={uploads.add} disabled={busy} label={t('reports.form.drop')} />
        <ul className="upload-list">
          {uploads.files.map((f) => (
            <FileRow key={f.key} f={f} onRemove={() => uploads.remove(f.key)} locked={busy || f.state === 'stored'} />
          ))}
        </ul>
        <ErrorNote error={error} />
        {partial && createdId && (
          <p role="alert" className="error">
            {t('reports.form.partial')} <Link to={`/reports/${createdId}`}>{t('reports.form.open')}</Link>
          </p>
        )}
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t('reports.form.busy') : t('reports.form.submit')}
        </button>
      </form>
    </main>
  );
}
