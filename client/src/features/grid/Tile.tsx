// One grid tile: the thumbnail (the server's blurred greyscale rendition unless revealed), category and markers.
import { memo, useState, type MouseEvent } from 'react';
import { thumbnailUrl } from '../../api/endpoints.ts';
import type { Media } from '../../api/types.ts';
import { useI18n } from '../../i18n/index.tsx';
import { CategoryBadge } from './CategoryBadge.tsx';

type Props = {
  index: number;
  media: Media | undefined;
  caseId: string;
  size: number;
  focused: boolean;
  selected: boolean;
  /** The audit id of this item's reveal: only with it does the server send the sharp thumbnail. */
  revealId: number | null;
  showMedia: boolean;
  onPick: (index: number, e: MouseEvent) => void;
  onOpen: (index: number) => void;
};

const fileName = (path: string) => path.slice(path.lastIndexOf('/') + 1);
const mimeLabel = (mime: string | null) => (mime ? (mime.split('/')[1]?.toUpperCase().slice(0, 6) ?? mime) : '?');

export const Tile = memo(function Tile({
  index,
  media,
  caseId,
  size,
  focused,
  selected,
  revealId,
  showMedia,
  onPick,
  onOpen,
}: Props) {
  const { t } = useI18n();
  const [brokenSrc, setBrokenSrc] = useState<string | null>(null);
  const revealed = revealId !== null;
  const cls = `tile${focused ? ' focused' : ''}${selected ? ' selected' : ''}`;
  if (!media) {
    return (
      <div
        role="gridcell"
        id={`tile-${index}`}
        className={`${cls} loading`}
        style={{ width: size }}
        aria-label={t('grid.tile.loading', { n: index + 1 })}
      >
        <div className="thumb-box" style={{ height: size }} />
      </div>
    );
  }
  const src = thumbnailUrl(caseId, media.sha256, revealId);
  const broken = brokenSrc === src;
  const name = fileName(media.firstPath);
  const label = [
    t('grid.tile.item', { n: index + 1 }),
    name,
    media.category === null ? t('category.none') : t('grid.tile.category', { c: media.category }),
    media.known ? t('grid.known') : '',
    media.duplicate ? t('grid.copies', { n: media.itemCount }) : '',
    media.error ? t('grid.error') : '',
    revealed ? t('grid.revealed') : '',
  ]
    .filter(Boolean)
    .join(', ');
  return (
    <div
      role="gridcell"
      id={`tile-${index}`}
      className={cls}
      style={{ width: size }}
      aria-selected={selected}
      aria-label={label}
      data-sha256={media.sha256}
      onClick={(e) => onPick(index, e)}
      onDoubleClick={() => onOpen(index)}
    >
      <div className="thumb-box" style={{ height: size }}>
        {media.hasThumbnail && showMedia && !broken ? (
          <img
            className={revealed ? 'thumb revealed' : 'thumb'}
            src={src}
            alt=""
            draggable={false}
            decoding="async"
            onError={() => setBrokenSrc(src)}
          />
        ) : (
          <span className="placeholder" aria-hidden="true">
            {media.error ? '⚠' : mimeLabel(media.mime)}
          </span>
        )}
        {selected && (
          <span className="check" aria-hidden="true">
            ✓
          </span>
        )}
        {revealed && (
          <span className="eye" aria-hidden="true">
            ◉
          </span>
        )}
      </div>
      <div className="tile-meta">
        <CategoryBadge value={media.category} source={media.categorySource} compact conflict={media.conflict} />
        <span className="markers" aria-hidden="true">
          {media.known && <span title={t('grid.known')}>◆</span>}
          {media.duplicate && <span title={t('grid.copies', { n: media.itemCount })}>×{media.itemCount}</span>}
          {media.nearGroup !== null && <span title={t('grid.nearGroup', { g: media.nearGroup })}>≈</span>}
          {media.error && (
            <span title={media.error} className="marker-error">
              ⚠
            </span>
          )}
        </span>
      </div>
    </div>
  );
});
