// Everything known about one content: hashes, every path, EXIF (GPS as text), category provenance,
// matches elsewhere and the analyst's notes. Opening it is audited as a media view.
import { useEffect, useState } from 'react';
import { endpoints, thumbnailUrl } from '../../api/endpoints.ts';
import type { Match, Media, MediaDetail } from '../../api/types.ts';
import { useI18n } from '../../i18n/index.tsx';
import { ErrorNote, isNotFound } from '../../ui/bits.tsx';
import { CategoryBadge } from './CategoryBadge.tsx';
import { Exif, Hashes, Matches, Paths, Provenance } from './DetailFacts.tsx';
import { Notes } from './DetailNotes.tsx';
import { DetailSubjects } from '../board/DetailSubjects.tsx';
import { DetailText } from '../text/DetailText.tsx';
import { VideoPanel } from '../video/VideoPanel.tsx';

type Props = {
  caseId: string;
  media: Media | null;
  revealId: number | null;
  showMedia: boolean;
  canWrite: boolean;
  onReveal: () => void;
  onClose: () => void;
  /** The grid's text filter: its words are boxed in the recognised text. */
  textQuery?: string;
};

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

function Preview({ caseId, media, revealId, showMedia, onReveal }: Omit<Props, 'canWrite' | 'onClose' | 'textQuery'>) {
  const { t } = useI18n();
  if (!media) return null;
  const revealed = revealId !== null;
  return (
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
  );
}

type BodyProps = { caseId: string; d: MediaDetail; matches: Match[] | 'unavailable' | null; canWrite: boolean };

function DetailBody({ caseId, d, matches, canWrite }: BodyProps) {
  const { t } = useI18n();
  return (
    <>
      <Provenance d={d} />
      <h3>{t('detail.hashes')}</h3>
      <Hashes d={d} />
      <h3>{t('detail.paths', { n: d.paths.length })}</h3>
      <Paths d={d} />
      <h3>{t('detail.exif')}</h3>
      <Exif d={d} />
      <h3>{t('detail.matches')}</h3>
      <Matches matches={matches} />
      <DetailSubjects caseId={caseId} d={d} matches={matches} />
      <Notes caseId={caseId} detail={d} canWrite={canWrite} />
    </>
  );
}

export function DetailPanel(props: Props) {
  const { caseId, media, revealId, showMedia, canWrite, onReveal, onClose, textQuery } = props;
  const { t } = useI18n();
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
          <Preview caseId={caseId} media={media} revealId={revealId} showMedia={showMedia} onReveal={onReveal} />
          {media.mime?.startsWith('video/') && (
            <VideoPanel caseId={caseId} sha256={media.sha256} revealId={revealId} showMedia={showMedia} />
          )}
          <p>
            <CategoryBadge value={media.category} source={media.categorySource} conflict={media.conflict} />
          </p>
          <ErrorNote error={error} />
          {!d && !error && (
            <p className="muted" aria-busy="true">
              {t('common.loading')}
            </p>
          )}
          {d && <DetailBody caseId={caseId} d={d} matches={matches} canWrite={canWrite} />}
          {showMedia && media.mime?.startsWith('image/') && (
            <DetailText
              caseId={caseId}
              sha256={media.sha256}
              q={textQuery}
              showMedia={showMedia}
              hasThumbnail={media.hasThumbnail}
            />
          )}
        </>
      )}
    </aside>
  );
}
