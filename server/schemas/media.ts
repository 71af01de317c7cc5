// The media API: the grid (unique content per case), detail, categorisation, notes, groups, counts.
import { Type, type Static } from 'typebox';
import { Instant, RowId } from './common.ts';

const Str = Type.String();
const NStr = Type.Union([Type.String(), Type.Null()]);
const NInt = Type.Union([Type.Integer(), Type.Null()]);
const NNum = Type.Union([Type.Number(), Type.Null()]);
const NBool = Type.Union([Type.Boolean(), Type.Null()]);
const Sha256 = Type.String({ pattern: '^[0-9a-f]{64}$' });
const CategorySource = Type.Union([Type.Literal('manual'), Type.Literal('hashset'), Type.Null()]);

export const MediaParams = Type.Object({ id: Type.String({ format: 'uuid' }), sha256: Sha256 });

export const SortName = Type.Union([Type.Literal('path'), Type.Literal('date'), Type.Literal('group')]);
export type SortName = Static<typeof SortName>;

export const MediaFilters = Type.Object({
  category: Type.Optional(
    Type.String({ maxLength: 20, description: 'A category value, or "none" for uncategorised.' }),
  ),
  known: Type.Optional(Type.Boolean()),
  duplicate: Type.Optional(Type.Boolean({ description: 'Content that occurs as more than one file in the case.' })),
  nearGroup: Type.Optional(RowId()),
  grouped: Type.Optional(Type.Boolean({ description: 'Member of any near-duplicate group.' })),
  hasError: Type.Optional(Type.Boolean()),
  mime: Type.Optional(
    Type.String({ maxLength: 100, description: 'Exact MIME type, or a prefix ending in "/" (image/).' }),
  ),
  make: Type.Optional(Type.String({ maxLength: 200 })),
  model: Type.Optional(Type.String({ maxLength: 200 })),
  hasGps: Type.Optional(Type.Boolean()),
  from: Type.Optional(Instant()),
  to: Type.Optional(Instant()),
  q: Type.Optional(Type.String({ maxLength: 200, description: 'Text in any path or file name of the content.' })),
  device: Type.Optional(Type.String({ pattern: '^[0-9]{1,18}$', description: 'A camera body: `id` from /devices.' })),
  place: Type.Optional(
    Type.String({ maxLength: 200, description: 'Nearest place or municipality of the GPS position.' }),
  ),
  text: Type.Optional(
    Type.String({ maxLength: 200, description: 'Words in the text recognised in the image (OCR), websearch syntax.' }),
  ),
});
export type MediaFilters = Static<typeof MediaFilters>;

export const MediaQuery = Type.Object({
  ...MediaFilters.properties,
  after: Type.Optional(Type.String({ maxLength: 2000, description: 'Opaque cursor from the previous page.' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 5000 })),
  sort: Type.Optional(SortName),
});

export const Media = Type.Object({
  sha256: Str,
  blobId: Type.Integer(),
  mime: NStr,
  width: NInt,
  height: NInt,
  itemCount: Type.Integer(),
  firstPath: Str,
  date: NStr,
  category: NStr,
  categorySource: CategorySource,
  conflict: Type.Boolean(),
  known: Type.Boolean(),
  nearGroup: NInt,
  duplicate: Type.Boolean(),
  error: NStr,
  hasThumbnail: Type.Boolean(),
  hasGps: Type.Boolean(),
  video: Type.Optional(
    Type.Object(
      { durationSeconds: NNum, frames: Type.Integer(), stripCount: Type.Integer() },
      { description: 'A decoded video: its duration, sampled frames and strip tiles (GET …/strip).' },
    ),
  ),
});
export type Media = Static<typeof Media>;

export const MediaPage = Type.Object({
  items: Type.Array(Media),
  next: NStr,
  total: Type.Optional(Type.Integer({ description: 'Matching media; on the first page only.' })),
});
export type MediaPage = Static<typeof MediaPage>;

const Exif = Type.Object({
  make: Type.Optional(Str),
  model: Type.Optional(Str),
  serial: Type.Optional(Str),
  lens: Type.Optional(Str),
  lensSerial: Type.Optional(Str),
  software: Type.Optional(Str),
  taken: Type.Optional(Type.String({ description: 'ISO 8601 capture time as written (with its offset, if any).' })),
  takenRaw: Type.Optional(Type.String({ description: 'The capture time exactly as the file wrote it.' })),
  place: Type.Optional(Type.Object({ place: Str, municipality: NStr, country: Str, distanceKm: Type.Number() })),
  dateTimeOriginal: Type.Optional(Str),
  createDate: Type.Optional(Str),
  latitude: Type.Optional(Type.Number()),
  longitude: Type.Optional(Type.Number()),
  orientation: Type.Optional(Type.Number()),
});

const MediaPath = Type.Object({
  itemId: Type.Integer(),
  path: Str,
  mtime: NStr,
  evidenceId: Str,
  evidenceName: Str,
});

export const MediaDetail = Type.Object({
  sha256: Str,
  md5: Str,
  sha1: Str,
  size: Type.Integer(),
  mime: NStr,
  width: NInt,
  height: NInt,
  pdq: NStr,
  pdqQuality: NInt,
  blockhash: NStr,
  status: Str,
  error: NStr,
  hasThumbnail: Type.Boolean(),
  exif: Type.Union([Exif, Type.Null()]),
  exifError: Type.Optional(NStr),
  gps: NStr,
  paths: Type.Array(MediaPath),
  pathsTruncated: Type.Boolean(),
  nearGroup: NInt,
  category: NStr,
  scheme: Str,
  categorySource: CategorySource,
  categorisedBy: NStr,
  categorisedAt: NStr,
  conflict: Type.Boolean(),
  provenance: Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()]),
  series: NStr,
  victimIdentified: NBool,
  notes: NStr,
  known: Type.Boolean(),
  latitude: NNum,
  longitude: NNum,
});
export type MediaDetail = Static<typeof MediaDetail>;

export const Categorise = Type.Object(
  {
    sha256s: Type.Array(Sha256, { minItems: 1, maxItems: 5000 }),
    category: Type.Union([Type.String({ minLength: 1, maxLength: 20 }), Type.Null()]),
    scheme: Type.Optional(Type.String({ minLength: 1, maxLength: 20 })),
    undo: Type.Optional(
      Type.Boolean({ description: 'Marks the audit entry as the undo of an earlier categorisation.' }),
    ),
  },
  { additionalProperties: false },
);

export const CategoriseGroup = Type.Object(
  {
    nearGroup: Type.Optional(RowId()),
    nearGroups: Type.Optional(
      Type.Array(RowId(), {
        minItems: 1,
        maxItems: 1000,
        description: 'Several groups in one transaction (instead of nearGroup).',
      }),
    ),
    category: Type.Union([Type.String({ minLength: 1, maxLength: 20 }), Type.Null()]),
    scheme: Type.Optional(Type.String({ minLength: 1, maxLength: 20 })),
  },
  { additionalProperties: false },
);

const Change = Type.Object({ sha256: Str, previousCategory: NStr, previousSource: CategorySource });
export const CategoriseResult = Type.Object({
  category: NStr,
  scheme: Str,
  changed: Type.Array(Change),
  auditId: Type.Integer(),
});
export type CategoriseResult = Static<typeof CategoriseResult>;

export const Notes = Type.Object({ notes: Type.String({ maxLength: 10_000 }) }, { additionalProperties: false });
export const NotesResult = Type.Object({ sha256: Str, notes: NStr });

export const Reveal = Type.Object({
  sha256: Str,
  auditId: Type.Integer({ description: 'Pass back as `reveal` to the thumbnail route for the sharp thumbnail.' }),
  expiresAt: Type.String({ format: 'date-time', description: 'Until when the reveal fetches the sharp thumbnail.' }),
});

/** Without `reveal` the safe rendition (greyscale, blurred); with the id of one's own fresh reveal, the sharp one. */
export const ThumbnailQuery = Type.Object(
  {
    reveal: Type.Optional(Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER })),
  },
  { additionalProperties: false },
);

export const PageQuery = Type.Object({
  after: Type.Optional(RowId()),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
});
export const Group = Type.Object({
  nearGroup: Type.Integer(),
  members: Type.Integer(),
  representative: Str,
  representativeHasThumbnail: Type.Boolean(),
  uncategorised: Type.Integer(),
  categories: Type.Array(Str),
});
export type Group = Static<typeof Group>;
export const GroupPage = Type.Object({ groups: Type.Array(Group), next: NInt });

export const ItemErrorPage = Type.Object({
  items: Type.Array(
    Type.Object({ id: Type.Integer(), path: Str, error: Str, mime: NStr, size: NInt, evidenceName: Str }),
  ),
  next: NInt,
});
export type ItemErrorPage = Static<typeof ItemErrorPage>;

export const CaseCounts = Type.Object({
  files: Type.Integer(),
  media: Type.Integer(),
  images: Type.Integer(),
  known: Type.Integer(),
  uncategorised: Type.Integer({ description: 'Images without a category.' }),
  categorised: Type.Integer(),
  errors: Type.Integer(),
});
export type CaseCounts = Static<typeof CaseCounts>;

const Facet = Type.Array(Type.Object({ value: Str, count: Type.Integer() }));
export const Facets = Type.Object({ mimes: Facet, makes: Facet, models: Facet, categories: Facet });
export type Facets = Static<typeof Facets>;

const CategoryDef = Type.Object({ value: Str, key: Str, nl: Str, en: Str, severity: Str });
export const Schemes = Type.Object({
  default: Str,
  schemes: Type.Array(Type.Object({ id: Str, nl: Str, en: Str, categories: Type.Array(CategoryDef) })),
});
export type Schemes = Static<typeof Schemes>;

/** Thumbnail bytes (image/webp); the schema documents the binary body for OpenAPI. */
export const WebpBody = Type.Unsafe<unknown>({ type: 'string', format: 'binary' });
