// A thumbnail on the board: the grid's own thumbnail (the server's blurred greyscale rendition), sharp only after an
// audited reveal of this one image, which the next click hides again.
import { useState, type ReactNode } from 'react';
import { endpoints, thumbnailUrl } from '../../api/endpoints.ts';
import { useI18n } from '../../i18n/index.tsx';
import { TileThumb } from '../grid/Tile.tsx';

type Props = { caseId: string; sha256: string; size?: number; showMedia: boolean; children?: ReactNode };

export function BoardThumb({ caseId, sha256, size = 96, showMedia, children }: Props) {
  const { t } = useI18n();
  const [revealId, setRevealId] = useState<number | null>(null);
  const toggle = async () => {
    if (revealId !== null) return setRevealId(null);
    setRevealId((await endpoints.reveal(caseId, sha256)).auditId);
  };
  return (
    <figure
      className="board-thumb"
      style={{ width: size }}
      data-sha256={sha256}
      aria-label={t('board.thumbAlt', { sha: sha256.slice(0, 12) })}
    >
      <TileThumb
        media={{ hasThumbnail: true, error: null, mime: null }}
        src={thumbnailUrl(caseId, sha256, revealId)}
        size={size}
        showMedia={showMedia}
        selected={false}
        revealed={revealId !== null}
      />
      <figcaption>
        <code>{sha256.slice(0, 8)}</code>
        {showMedia && (
          <button type="button" aria-pressed={revealId !== null} onClick={() => void toggle()}>
            {revealId === null ? t('board.reveal') : t('board.hide')}
          </button>
        )}
        {children}
      </figcaption>
    </figure>
  );
}
