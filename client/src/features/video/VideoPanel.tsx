// A video in the detail panel: its strip (the server's blurred greyscale rendition until revealed), duration and
// frames, and playback only when the analyst presses play: audited by the server, muted, never started on its own.
import { useEffect, useRef, useState } from 'react';
import { useI18n } from '../../i18n/index.tsx';
import { ErrorNote } from '../../ui/bits.tsx';
import { formatDuration, streamUrl, stripUrl, videoApi, type VideoView } from './api.ts';
import './video.css';

type Props = { caseId: string; sha256: string; revealId: number | null; showMedia: boolean };

function useVideo(caseId: string, sha256: string) {
  const [video, setVideo] = useState<VideoView | null>(null);
  useEffect(() => {
    setVideo(null);
    const abort = new AbortController();
    videoApi.detail(caseId, sha256, abort.signal).then(setVideo, () => undefined);
    return () => abort.abort();
  }, [caseId, sha256]);
  return video;
}

function Player({ caseId, sha256 }: { caseId: string; sha256: string }) {
  const { t } = useI18n();
  const [playId, setPlayId] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);
  const ref = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    setPlayId(null);
    setError(null);
  }, [sha256]);
  // Started here only because the analyst pressed play just now; muted whatever the element's defaults.
  useEffect(() => {
    if (playId === null || !ref.current) return;
    ref.current.muted = true;
    ref.current.focus();
    ref.current.play().catch(() => undefined);
  }, [playId]);
  const press = () => videoApi.play(caseId, sha256).then((grant) => setPlayId(grant.auditId), setError);
  if (playId === null)
    return (
      <>
        <button type="button" className="video-play" onClick={press}>
          ▶ {t('video.play')}
        </button>
        <ErrorNote error={error} />
      </>
    );
  return (
    <video
      ref={ref}
      className="video-player"
      src={streamUrl(caseId, sha256, playId)}
      controls
      muted
      playsInline
      preload="none"
      aria-label={t('video.playerLabel')}
    />
  );
}

export function VideoPanel({ caseId, sha256, revealId, showMedia }: Props) {
  const { t } = useI18n();
  const video = useVideo(caseId, sha256);
  if (!video) return null;
  const revealed = revealId !== null;
  return (
    <section className="video-panel" aria-label={t('video.title')}>
      <h3>{t('video.title')}</h3>
      <p className="muted">
        {video.status === 'pending'
          ? t('video.pending')
          : t('video.facts', {
              d: formatDuration(video.durationSeconds),
              n: video.frames.length,
              c: video.codec ?? '?',
            })}
      </p>
      {video.error && <p className="marker-error">{video.error}</p>}
      {showMedia && video.stripCount > 0 && (
        <div className="video-strip">
          <img
            className={revealed ? 'thumb strip revealed' : 'thumb strip'}
            src={stripUrl(caseId, sha256, revealId)}
            alt={t('video.stripAlt', { n: video.stripCount })}
          />
        </div>
      )}
      {video.alike.length > 0 && <p>{t('video.alike', { n: video.alike.length })}</p>}
      {showMedia && video.status === 'done' && <Player caseId={caseId} sha256={sha256} />}
    </section>
  );
}
