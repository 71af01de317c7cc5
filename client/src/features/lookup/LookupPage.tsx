// Lookup: paste a hash or drop an image and see where it is known (hash sets, other cases).
import { useState, type FormEvent } from 'react';
import { endpoints } from '../../api/endpoints.ts';
import { query } from '../../api/http.ts';
import type { LookupResult } from '../../api/types.ts';
import { uploadRaw } from '../../api/upload.ts';
import { useI18n } from '../../i18n/index.tsx';
import { ErrorNote, Progress, Status, isNotFound } from '../../ui/bits.tsx';
import { Dropzone } from '../intake/Dropzone.tsx';
import { SelectorLookup } from '../reports/SelectorLookup.tsx';
import { MatchesTable } from './MatchesTable.tsx';

type HashKind = 'auto' | 'md5' | 'sha1' | 'sha256' | 'pdq';
const LENGTHS: Record<number, HashKind> = { 32: 'md5', 40: 'sha1', 64: 'sha256' };

/** The hash kind for a pasted value, or null when it is not hex of a known length. */
export function detectHash(value: string, kind: HashKind): Exclude<HashKind, 'auto'> | null {
  const hex = value.trim().toLowerCase();
  if (!/^[0-9a-f]+$/.test(hex)) return null;
  if (kind !== 'auto') return hex.length === { md5: 32, sha1: 40, sha256: 64, pdq: 64 }[kind] ? kind : null;
  return (LENGTHS[hex.length] as Exclude<HashKind, 'auto'> | undefined) ?? null;
}

/** The lookup's state: the pasted hash with its kind and radius, and the last search's outcome. */
function useLookup() {
  const [value, setValue] = useState('');
  const [kind, setKind] = useState<HashKind>('auto');
  const [radius, setRadius] = useState(31);
  const [result, setResult] = useState<LookupResult | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [upload, setUpload] = useState<{ loaded: number; total: number } | null>(null);
  const detected = value.trim() ? detectHash(value, kind) : null;

  const run = async (work: () => Promise<LookupResult>) => {
    setError(null);
    setResult(null);
    try {
      setResult(await work());
    } catch (e) {
      setError(e);
    } finally {
      setUpload(null);
    }
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!detected) return;
    void run(() =>
      endpoints.lookup({ [detected]: value.trim().toLowerCase(), ...(detected === 'pdq' ? { radius } : {}) }),
    );
  };
  const image = (files: File[]) => {
    const file = files[0];
    if (!file) return;
    setUpload({ loaded: 0, total: file.size });
    void run(() => uploadRaw<LookupResult>(`/api/lookup/image${query({ radius })}`, file, setUpload));
  };
  return { value, setValue, kind, setKind, radius, setRadius, detected, result, error, upload, submit, image };
}

function HashForm({ lookup }: { lookup: ReturnType<typeof useLookup> }) {
  const { t } = useI18n();
  const { value, setValue, kind, setKind, radius, setRadius, detected, submit } = lookup;
  return (
    <form className="inline-form" onSubmit={submit}>
      <label className="grow">
        {t('lookup.hash')}
        <input
          value={value}
          onChange={(e) => setValue(e.target.value)}
          spellCheck={false}
          autoComplete="off"
          className="mono"
          aria-describedby="lookup-detected"
        />
      </label>
      <label>
        {t('lookup.kind')}
        <select value={kind} onChange={(e) => setKind(e.target.value as HashKind)}>
          <option value="auto">{t('lookup.kind.auto')}</option>
          <option value="md5">MD5</option>
          <option value="sha1">SHA-1</option>
          <option value="sha256">SHA-256</option>
          <option value="pdq">PDQ</option>
        </select>
      </label>
      <label>
        {t('lookup.radius')}
        <input type="number" min={0} max={64} value={radius} onChange={(e) => setRadius(Number(e.target.value))} />
      </label>
      <button type="submit" className="primary" disabled={!detected}>
        {t('lookup.search')}
      </button>
      <span id="lookup-detected" className="muted">
        {value.trim() &&
          (detected ? (
            t('lookup.detected', { kind: detected.toUpperCase() })
          ) : (
            <Status tone="warn">{t('lookup.invalid')}</Status>
          ))}
      </span>
    </form>
  );
}

export function LookupPage() {
  const { t } = useI18n();
  const lookup = useLookup();
  const { result, error, upload } = lookup;
  return (
    <main className="page">
      <h1>{t('lookup.title')}</h1>
      <p className="hint">{t('lookup.hint')}</p>
      <HashForm lookup={lookup} />
      <Dropzone onFiles={lookup.image} label={t('lookup.drop')} />
      {upload && <Progress label={t('intake.uploading')} value={upload.loaded} max={upload.total} />}
      {isNotFound(error) ? (
        <p role="alert">
          <Status tone="info">{t('lookup.unavailable')}</Status>
        </p>
      ) : (
        <ErrorNote error={error} />
      )}
      {result && (
        <section aria-labelledby="lookup-results">
          <h2 id="lookup-results">{t('lookup.results', { n: result.matches.length })}</h2>
          <MatchesTable matches={result.matches} />
        </section>
      )}
      <SelectorLookup />
    </main>
  );
}
