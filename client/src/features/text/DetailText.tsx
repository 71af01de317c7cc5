// The detail panel's recognised text: the reading's lines, and the words matching the grid's text filter boxed on
// the safe (blurred, greyscale) thumbnail. "Geen tekst (voorselectie)" when the pre-check kept it from full OCR.
import { useEffect, useState } from 'react';
import type { Static } from 'typebox';
import type { TextView } from '../../../../server/schemas/case-text.ts';
import { query, api } from '../../api/http.ts';
import { thumbnailUrl } from '../../api/endpoints.ts';
import { useI18n } from '../../i18n/index.tsx';
import { ErrorNote, Status } from '../../ui/bits.tsx';

type Reading = Static<typeof TextView>;
type Props = { caseId: string; sha256: string; q: string | undefined; showMedia: boolean; hasThumbnail: boolean };

function useReading(caseId: string, sha256: string, q: string | undefined) {
  const [reading, setReading] = useState<Reading | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    setReading(null);
    setError(null);
    const abort = new AbortController();
    const url = `/api/cases/${encodeURIComponent(caseId)}/media/${sha256}/text${query({ q })}`;
    // Debounced like the detail itself: holding an arrow key must not write a view entry per item passed.
    const timer = window.setTimeout(() => {
      api<Reading>(url, { signal: abort.signal }).then(setReading, (e: Error) => {
        if (e.name !== 'AbortError') setError(e);
      });
    }, 250);
    return () => {
      window.clearTimeout(timer);
      abort.abort();
    };
  }, [caseId, sha256, q]);
  return { reading, error };
}

function Overlay({ caseId, sha256, reading }: { caseId: string; sha256: string; reading: Reading }) {
  const { t } = useI18n();
  const words = reading.lines.flatMap((l) => l.words).filter((w) => w.match);
  if (!reading.width || !reading.height || words.length === 0) return null;
  return (
    <figure className="text-overlay">
      <div className="attachment-frame">
        <img src={thumbnailUrl(caseId, sha256)} alt="" className="blurred" draggable={false} />
        <svg
          className="ocr-boxes"
          viewBox={`0 0 ${reading.width} ${reading.height}`}
          preserveAspectRatio="none"
          role="img"
          aria-label={t('text.overlayLabel')}
        >
          {words.map((w, i) => (
            <rect key={i} x={w.box.x0} y={w.box.y0} width={w.box.x1 - w.box.x0} height={w.box.y1 - w.box.y0}>
              <title>{w.text}</title>
            </rect>
          ))}
        </svg>
      </div>
      <figcaption>{t('text.matches', { n: words.length })}</figcaption>
    </figure>
  );
}

export function DetailText({ caseId, sha256, q, showMedia, hasThumbnail }: Props) {
  const { t } = useI18n();
  const { reading, error } = useReading(caseId, sha256, q);
  return (
    <section className="detail-text" aria-labelledby="detail-text-title">
      <h3 id="detail-text-title">{t('text.section')}</h3>
      <ErrorNote error={error} />
      {reading && reading.status !== 'done' && (
        <Status tone={reading.status === 'failed' ? 'error' : 'info'}>{t(`text.status.${reading.status}`)}</Status>
      )}
      {reading?.status === 'done' && reading.lines.length === 0 && (
        <p className="muted">{t('text.status.done.empty')}</p>
      )}
      {reading && showMedia && hasThumbnail && <Overlay caseId={caseId} sha256={sha256} reading={reading} />}
      {reading && reading.lines.length > 0 && (
        <pre className="ocr-text" lang="und">
          {reading.lines.map((l, i) => (
            <span key={i}>
              {l.words.map((w, j) => (
                <span key={j}>
                  {j > 0 && ' '}
                  {w.match ? <mark>{w.text}</mark> : w.text}
                </span>
              ))}
              {'\n'}
            </span>
          ))}
        </pre>
      )}
    </section>
  );
}
