// One attachment: an image blurred and grey by default, with the selectors OCR found boxed on it; an explicit,
// audited reveal shows it sharp. PDFs are an audited download.
import { useState } from 'react';
import { useApp } from '../../app/AppContext.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { ErrorNote, Status } from '../../ui/bits.tsx';
import { attachmentFileUrl, attachmentImageUrl, reportsApi, type AttachmentView, type Occurrence } from './api.ts';
import { isOwnContact } from './labels.ts';

type Props = { reportId: string; attachment: AttachmentView; selectors: Occurrence[] };

function Boxes({ attachment, selectors }: { attachment: AttachmentView; selectors: Occurrence[] }) {
  const { width, height } = attachment;
  if (!width || !height) return null;
  return (
    <svg className="ocr-boxes" viewBox={`0 0 ${width} ${height}`} preserveAspectRatio="none" aria-hidden="true">
      {selectors.map((s) =>
        s.box ? (
          <rect
            key={s.id}
            className={isOwnContact(s.role) ? 'own' : undefined}
            x={s.box.x0}
            y={s.box.y0}
            width={s.box.x1 - s.box.x0}
            height={s.box.y1 - s.box.y0}
            data-value={s.value}
          >
            <title>{`${s.type} ${s.value}`}</title>
          </rect>
        ) : null,
      )}
    </svg>
  );
}

function OcrState({ a }: { a: AttachmentView }) {
  const { t } = useI18n();
  if (a.ocrStatus === 'failed')
    return <Status tone="error">{t('report.attachment.ocr.failed', { reason: a.ocrError ?? '' })}</Status>;
  const tone = a.ocrStatus === 'done' ? 'ok' : a.ocrStatus === 'pending' ? 'busy' : 'info';
  return <Status tone={tone}>{t(`report.attachment.ocr.${a.ocrStatus}`)}</Status>;
}

function useReveal(reportId: string, attachmentId: number) {
  const [revealId, setRevealId] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);
  const toggle = async () => {
    setError(null);
    if (revealId !== null) return setRevealId(null);
    try {
      setRevealId((await reportsApi.reveal(reportId, attachmentId)).auditId);
    } catch (e) {
      setError(e);
    }
  };
  return { revealId, error, toggle };
}

export function AttachmentFigure({ reportId, attachment: a, selectors }: Props) {
  const { t } = useI18n();
  const { settings } = useApp();
  const { revealId, error, toggle } = useReveal(reportId, a.id);
  const mine = selectors.filter((s) => s.attachmentId === a.id && s.box);
  if (a.kind === 'pdf')
    return (
      <figure className="attachment">
        <a href={attachmentFileUrl(reportId, a.id)}>{t('report.attachment.download', { name: a.name })}</a>
      </figure>
    );
  const revealed = revealId !== null;
  const filter = revealed ? 'none' : `blur(${settings.blur / 4}px)${settings.greyscale ? ' grayscale(1)' : ''}`;
  return (
    <figure className="attachment" data-attachment={a.id}>
      <div className="attachment-frame">
        <img
          src={attachmentImageUrl(reportId, a.id, revealId)}
          alt={a.name}
          className={revealed ? 'revealed' : 'blurred'}
          style={{ filter }}
          draggable={false}
        />
        <Boxes attachment={a} selectors={mine} />
      </div>
      <figcaption>
        <span className="mono">{a.name}</span> <OcrState a={a} />{' '}
        {mine.length > 0 && <span>{t('report.attachment.boxes', { n: mine.length })}</span>}{' '}
        <button type="button" onClick={() => void toggle()}>
          {revealed ? t('report.attachment.hide') : t('report.attachment.reveal', { name: a.name })}
        </button>
        {revealed && <Status tone="warn">{t('report.attachment.revealed')}</Status>}
        <ErrorNote error={error} />
      </figcaption>
    </figure>
  );
}
