// A hash-set import: uploads the file with progress, then follows the server's import job until it ends.
import { useEffect, useState, type FormEvent } from 'react';
import { endpoints } from '../../api/endpoints.ts';
import { query } from '../../api/http.ts';
import type { HashSetImport } from '../../api/types.ts';
import { uploadRaw } from '../../api/upload.ts';

export type UploadState = { loaded: number; total: number };
export type ImportJob = { id: string; state: HashSetImport | null };

// The import form's fields, as the import endpoint's query parameters.
function importParams(form: FormData) {
  return {
    name: String(form.get('name')),
    version: String(form.get('version')),
    format: String(form.get('format')),
    source: String(form.get('source')),
    visibility: String(form.get('visibility')),
  };
}

export function useHashSetImport(onDone: () => void) {
  const [upload, setUpload] = useState<UploadState | null>(null);
  const [job, setJob] = useState<ImportJob | null>(null);
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
    const params = importParams(form);
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

  return { upload, job, error, submit };
}
