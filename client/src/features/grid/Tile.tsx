// One grid tile: the thumbnail (the server's blurred greyscale rendition unless revealed), category and markers.
import { memo, useState, type MouseEvent } from 'react';
import { thumbnailUrl } from '../../api/endpoints.ts';
import type { Media } from '../../api/types.ts';
import { useI18n, type Translate } from '../../i18n/index.tsx';
import { CategoryBadge } from './CategoryBadge.tsx';
import { formatDuration } from '../video/api.ts';

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

function LoadingTile({ index, cls, size }: { index: number; cls: string; size: number }) {
  const { t } = useI18n();
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

// Screen readers hear the tile as one sentence: number, name, category and markers.
function tileLabel(media: Media, index: number, revealed: boolean, t: Translate): string {
  return [
    t('grid.tile.item', { n: index + 1 }),
    fileName(media.firstPath),
    media.category === null ? t('category.none') : t('grid.tile.category', { c: media.category }),
    media.known ? t('grid.known') : '',
    media.duplicate ? t('grid.copies', { n: media.itemCount }) : '',
    media.error ? t('grid.error') : '',
    revealed ? t('grid.revealed') : '',
  ]
    .filter(Boolean)
    .join(', ');
}

function TileMeta({ media }: { media: Media }) {
  const { t } = useI18n();
  return (
    <div className="tile-meta">
      <CategoryBadge value={media.category} source={media.categorySource} compact conflict={media.conflict} />
      <span className="markers" aria-hidden="true">
        {media.known && <span title={t('grid.known')}>◆</span>}
        {media.duplicate && <span title={t('grid.copies', { n: media.itemCount })}>×{media.itemCount}</span>}
        {media.nearGroup !== null && <span title={t('grid.nearGroup', { g: media.nearGroup })}>≈</span>}
        {media.video && (
          <span title={t('video.tile', { d: formatDuration(media.video.durationSeconds) })}>
            ▶{formatDuration(media.video.durationSeconds)}
          </span>
        )}
        {media.error && (
          <span title={media.error} className="marker-error">
            ⚠
          </span>
        )}
      </span>
    </div>
  );
}

type ThumbProps = {
  media: Pick<Media, 'hasThumbnail' | 'error' | 'mime'>;
  src: string;
  size: number;
  showMedia: boolean;
  selected: boolean;
  revealed: boolean;
};

/** Also the board's thumbnail: the same safe rendition, reveal only by an audited reveal id. */
export function TileThumb({ media, src, size, showMedia, selected, revealed }: ThumbProps) {
  // A thumbnail that failed to load shows the placeholder until its address changes (e.g. on reveal).
  const [brokenSrc, setBrokenSrc] = useState<string | null>(null);
  const broken = brokenSrc === src;
  return (
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
  );
}

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
  const revealed = revealId !== null;
  const cls = `tile${focused ? ' focused' : ''}${selected ? ' selected' : ''}`;
  if (!media) return <LoadingTile index={index} cls={cls} size={size} />;
  const src = thumbnailUrl(caseId, media.sha256, revealId);
  return (
    <div
      role="gridcell"
      id={`tile-${index}`}
      className={cls}
      style={{ width: size }}
      aria-selected={selected}
      aria-label={tileLabel(media, index, revealed, t)}
      data-sha256={media.sha256}
      onClick={(e) => onPick(index, e)}
      onDoubleClick={() => onOpen(index)}
    >
      <TileThumb media={media} src={src} size={size} showMedia={showMedia} selected={selected} revealed={revealed} />
      <TileMeta media={media} />
    </div>
  );
});
