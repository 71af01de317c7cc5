// The facts of one content in the detail panel: provenance, hashes, paths, EXIF and matches elsewhere.
import type { ReactNode } from 'react';
import type { Match, MediaDetail } from '../../api/types.ts';
import { useI18n } from '../../i18n/index.tsx';
import { Status } from '../../ui/bits.tsx';
import { MatchesTable } from '../lookup/MatchesTable.tsx';

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </>
  );
}

export function Hashes({ d }: { d: MediaDetail }) {
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

export function Exif({ d }: { d: MediaDetail }) {
  const { t } = useI18n();
  const e = d.exif;
  const problem = d.exifError ? (
    <p>
      <Status tone="error">
        {t('exif.error')}: {d.exifError}
      </Status>
    </p>
  ) : null;
  if (!e) return problem ?? <p className="muted">{t('detail.noExif')}</p>;
  const rows: Array<[string, string | number | undefined]> = [
    [t('exif.make'), e.make],
    [t('exif.model'), e.model],
    [t('exif.serial'), e.serial],
    [t('exif.lens'), e.lens],
    [t('exif.lensSerial'), e.lensSerial],
    [t('exif.software'), e.software],
    [t('exif.taken'), e.taken ?? e.dateTimeOriginal],
    [t('exif.takenRaw'), e.takenRaw !== e.taken ? e.takenRaw : undefined],
    [t('exif.created'), e.createDate],
    [t('exif.orientation'), e.orientation],
  ];
  const place = e.place;
  return (
    <dl className="kv">
      {problem && <Row label={t('exif.error')}>{problem}</Row>}
      {rows
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => (
          <Row key={k} label={k}>
            {String(v)}
          </Row>
        ))}
      <Row label={t('exif.gps')}>{d.gps ? <code>{d.gps}</code> : '—'}</Row>
      {place && (
        <Row label={t('exif.place')}>
          {t('exif.placeText', { ...place, municipality: place.municipality ?? '—', km: place.distanceKm })}
        </Row>
      )}
    </dl>
  );
}

export function Provenance({ d }: { d: MediaDetail }) {
  const { t, fmt } = useI18n();
  return (
    <>
      {d.categorySource === 'hashset' && (
        <p>
          <Status tone="info">{t('detail.byHashSet')}</Status>
        </p>
      )}
      {d.categorySource === 'manual' && d.categorisedBy && (
        <p className="muted">{t('detail.byAnalyst', { who: d.categorisedBy, when: fmt.dateTime(d.categorisedAt) })}</p>
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
    </>
  );
}

export function Paths({ d }: { d: MediaDetail }) {
  const { t } = useI18n();
  return (
    <>
      <ul className="paths">
        {d.paths.map((p) => (
          <li key={p.itemId} className="mono wrap">
            {p.path} <span className="muted">({p.evidenceName})</span>
          </li>
        ))}
      </ul>
      {d.pathsTruncated && <p className="muted">{t('detail.pathsTruncated')}</p>}
    </>
  );
}

export function Matches({ matches }: { matches: Match[] | 'unavailable' | null }) {
  const { t } = useI18n();
  if (matches === null) return <p className="muted">{t('common.loading')}</p>;
  if (matches === 'unavailable')
    return (
      <p>
        <Status tone="info">{t('detail.matchesUnavailable')}</Status>
      </p>
    );
  return <MatchesTable matches={matches} />;
}
