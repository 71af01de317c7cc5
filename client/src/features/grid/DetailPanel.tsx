// Everything known about one content: hashes, every path, EXIF (GPS as text), category provenance,
// matches elsewhere and the analyst's notes. Opening it is audited as a media view.
import { useEffect, useState, type ReactNode } from 'react';
import { endpoints, thumbnailUrl } from '../../api/endpoints.ts';
import type { Match, Media, MediaDetail } from '../../api/types.ts';
import { useI18n } from '../../i18n/index.tsx';
import { ErrorNote, Status, isNotFound } from '../../ui/bits.tsx';
import { MatchesTable } from '../lookup/MatchesTable.tsx';
import { CategoryBadge } from './CategoryBadge.tsx';

type Props = {
  caseId: string;
  media: Media | null;
  revealId: number | null;
  showMedia: boolean;
  canWrite: boolean;
  onReveal: () => void;
  onClose: () => void;
};

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </>
  );
}

function useDetail(caseId: string, sha256: string | null) {
  const [detail, setDetail] = useState<MediaDetail | null>(null);
  const [matches, setMatches] = useState<Match[] | 'unavailable' | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    setDetail(null);
    setMatches(null);
    setError(null);
    if (!sha256) return;
    const abort = new AbortController();
    // Debounced, so holding an arrow key does not write a view entry for every item passed.
    const timer = window.setTimeout(() => {
      endpoints.detail(caseId, sha256, abort.signal).then(setDetail, (e) => {
        if (e.name !== 'AbortError') setError(e);
      });
      endpoints.matches(caseId, sha256, abort.signal).then(
        (r) => setMatches(r.matches),
        (e) => {
          if (e.name !== 'AbortError') setMatches(isNotFound(e) ? 'unavailable' : []);
        },
      );
    }, 250);
    return () => {
      window.clearTimeout(timer);
      abort.abort();
    };
  }, [caseId, sha256]);
  return { detail, setDetail, matches, error };
}

function Notes({ caseId, detail, canWrite }: { caseId: string; detail: MediaDetail; canWrite: boolean }) {
  const { t } = useI18n();
  const [text, setText] = useState(detail.notes ?? '');
  const [state, setState] = useState<'idle' | 'saving' | 'saved' | unknown>('idle');
  useEffect(() => {
    setText(detail.notes ?? '');
    setState('idle');
  }, [detail.sha256, detail.notes]);
  const save = () => {
    setState('saving');
    endpoints.saveNotes(caseId, detail.sha256, text).then(
      () => setState('saved'),
      (e) => setState(e),
    );
  };
  return (
    <section aria-labelledby="notes-title">
      <h3 id="notes-title">{t('detail.notes')}</h3>
      <textarea
        aria-labelledby="notes-title"
        value={text}
        readOnly={!canWrite}
        rows={4}
        maxLength={10000}
        onChange={(e) => {
          setText(e.target.value);
          setState('idle');
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            save();
          }
        }}
      />
      {canWrite && (
        <button type="button" onClick={save} disabled={state === 'saving'}>
          {t('detail.saveNotes')}
        </button>
      )}
      <span role="status" className="muted">
        {' '}
        {state === 'saved' ? `✓ ${t('common.saved')}` : state === 'saving' ? t('common.saving') : ''}
      </span>
      {state !== 'idle' && state !== 'saving' && state !== 'saved' && <ErrorNote error={state} />}
    </section>
  );
}

function Hashes({ d }: { d: MediaDetail }) {
  const { t } = useI18n();
  return (
    <dl className="kv mono-values">
      <Row label="MD5">
        <code>{d.md5}</code>
      </Row>
      <Row label="SHA-1">
        <code>{d.sha1}</code>
      </Row>
      <Row label="SHA-256">
        <code>{d.sha256}</code>
      </Row>
      <Row label="PDQ">
        {d.pdq ? (
          <>
            <code>{d.pdq}</code> <span className="muted">{t('detail.pdqQuality', { q: d.pdqQuality ?? 0 })}</span>
          </>
        ) : (
          '—'
        )}
      </Row>
      <Row label="Blockhash">{d.blockhash ? <code>{d.blockhash}</code> : '—'}</Row>
    </dl>
  );
}

function Exif({ d }: { d: MediaDetail }) {
  const { t } = useI18n();
  const e = d.exif;
  if (!e) return <p className="muted">{t('detail.noExif')}</p>;
  const rows: Array<[string, string | number | undefined]> = [
    [t('exif.make'), e.make],
    [t('exif.model'), e.model],
    [t('exif.serial'), e.serial],
    [t('exif.lens'), e.lens],
    [t('exif.software'), e.software],
    [t('exif.taken'), e.dateTimeOriginal],
    [t('exif.created'), e.createDate],
    [t('exif.orientation'), e.orientation],
  ];
  return (
    <dl className="kv">
      {rows
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => (
          <Row key={k} label={k}>
            {String(v)}
          </Row>
        ))}
      <Row label={t('exif.gps')}>{d.gps ? <code>{d.gps}</code> : '—'}</Row>
    </dl>
  );
}

export function DetailPanel({ caseId, media, revealId, showMedia, canWrite, onReveal, onClose }: Props) {
  const { t, fmt } = useI18n();
  const revealed = revealId !== null;
  const { detail: d, matches, error } = useDetail(caseId, media?.sha256 ?? null);
  return (
    <aside className="detail" aria-labelledby="detail-title">
      <header>
        <h2 id="detail-title">{t('detail.title')}</h2>
        <button type="button" onClick={onClose} aria-label={t('common.close')}>
          ✕
        </button>
      </header>
      {!media && <p className="muted">{t('detail.nothing')}</p>}
      {media && (
        <>
          <div className="preview">
            {media.hasThumbnail && showMedia ? (
              <img
                className={revealed ? 'thumb revealed' : 'thumb'}
                src={thumbnailUrl(caseId, media.sha256, revealId)}
                alt={t('detail.previewAlt')}
              />
            ) : (
              <span className="placeholder">{media.mime ?? '?'}</span>
            )}
            {showMedia && media.hasThumbnail && (
              <button type="button" aria-pressed={revealed} onClick={onReveal}>
                {revealed ? `◌ ${t('detail.hide')}` : `◉ ${t('detail.reveal')}`}
              </button>
            )}
          </div>
          <p>
            <CategoryBadge value={media.category} source={media.categorySource} conflict={media.conflict} />
          </p>
          <ErrorNote error={error} />
          {!d && !error && (
            <p className="muted" aria-busy="true">
              {t('common.loading')}
            </p>
          )}
          {d && (
            <>
              {d.categorySource === 'hashset' && (
                <p>
                  <Status tone="info">{t('detail.byHashSet')}</Status>
                </p>
              )}
              {d.categorySource === 'manual' && d.categorisedBy && (
                <p className="muted">
                  {t('detail.byAnalyst', { who: d.categorisedBy, when: fmt.dateTime(d.categorisedAt) })}
                </p>
              )}
              {d.error && (
                <p>
                  <Status tone="error">{d.error}</Status>
                </p>
              )}
              <p className="muted">
                {d.mime ?? '?'} · {d.width && d.height ? `${d.width}×${d.height} · ` : ''}
                {fmt.bytes(d.size)}
                {d.nearGroup !== null ? ` · ${t('grid.nearGroup', { g: d.nearGroup })}` : ''}
              </p>
              <h3>{t('detail.hashes')}</h3>
              <Hashes d={d} />
              <h3>{t('detail.paths', { n: d.paths.length })}</h3>
              <ul className="paths">
                {d.paths.map((p) => (
                  <li key={p.itemId} className="mono wrap">
                    {p.path} <span className="muted">({p.evidenceName})</span>
                  </li>
                ))}
              </ul>
              {d.pathsTruncated && <p className="muted">{t('detail.pathsTruncated')}</p>}
              <h3>{t('detail.exif')}</h3>
              <Exif d={d} />
              <h3>{t('detail.matches')}</h3>
              {matches === null ? (
                <p className="muted">{t('common.loading')}</p>
              ) : matches === 'unavailable' ? (
                <p>
                  <Status tone="info">{t('detail.matchesUnavailable')}</Status>
                </p>
              ) : (
                <MatchesTable matches={matches} />
              )}
              <Notes caseId={caseId} detail={d} canWrite={canWrite} />
            </>
          )}
        </>
      )}
    </aside>
  );
}
