import { Type } from 'typebox';

const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);
const NullableInt = Type.Union([Type.Integer(), Type.Null()]);
const NullableStr = Nullable(Type.String());

/** Why an ingest is paused: a full disk, an I/O fault, or a store that is briefly away. */
const PauseReason = Type.Union([Type.Literal('disk-full'), Type.Literal('io-error'), Type.Literal('unavailable')]);

export const Evidence = Type.Object({
  id: Type.String(),
  caseId: Type.String(),
  originalName: Type.String(),
  kind: Type.String(),
  sha256: Type.String(),
  size: Type.Integer(),
  uploadedBy: Type.String(),
  uploadedAt: Type.String(),
  status: Type.String(),
  error: NullableStr,
  unpackedAt: NullableStr,
  summary: Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()]),
  pausedReason: Type.Union([PauseReason, Type.Null()]),
});

export const Progress = Type.Object({
  evidenceId: Type.String(),
  status: Type.String(),
  error: NullableStr,
  done: Type.Boolean(),
  found: Type.Integer(),
  rejected: Type.Integer(),
  stored: Type.Integer(),
  processed: Type.Integer(),
  failed: Type.Integer(),
  images: Type.Integer(),
  thumbnails: Type.Integer(),
  pending: Type.Integer(),
  ungrouped: Type.Integer(),
  unmatched: Type.Integer(),
  ocr: Type.Object(
    { pending: Type.Integer(), read: Type.Integer(), noText: Type.Integer(), failed: Type.Integer() },
    { description: "The case's OCR stage: images waiting, read, skipped by the pre-check (no text), failed." },
  ),
  videos: Type.Optional(Type.Integer({ description: 'Videos still waiting for their frames and strip.' })),
  paused: Type.Union([Type.Object({ reason: PauseReason, since: Type.String() }), Type.Null()]),
  resumable: Type.Boolean(),
});

export const ResumeResult = Type.Object({
  evidenceId: Type.String(),
  unpack: Type.Boolean({ description: 'the unpack was queued again' }),
  blobs: Type.Integer({ description: 'paused files queued again' }),
  reopened: Type.Integer({
    description: 'files an older version had recorded as failed for a passing fault, queued again',
  }),
});

const Item = Type.Object({
  id: Type.Integer(),
  path: Type.String(),
  size: NullableInt,
  sha256: NullableStr,
  md5: NullableStr,
  sha1: NullableStr,
  mime: NullableStr,
  status: Type.Union([Type.Literal('ok'), Type.Literal('error'), Type.Literal('pending')]),
  error: NullableStr,
  width: NullableInt,
  height: NullableInt,
  pdq: NullableStr,
  pdqQuality: NullableInt,
  blockhash: NullableStr,
  duplicateGroup: NullableInt,
  nearGroup: NullableInt,
  warning: NullableStr,
  exif: Type.Union([
    Type.Object({
      make: NullableStr,
      model: NullableStr,
      serial: NullableStr,
      lensModel: NullableStr,
      software: NullableStr,
      taken: NullableStr,
      takenRaw: NullableStr,
      gps: Type.Union([Type.Object({ lat: Type.Number(), lon: Type.Number() }), Type.Null()]),
    }),
    Type.Null(),
  ]),
  exifError: NullableStr,
});

export const ItemPage = Type.Object({ items: Type.Array(Item), next: Type.Union([Type.Integer(), Type.Null()]) });

export const CaseSummary = Type.Object({
  files: Type.Integer(),
  uniqueBlobs: Type.Integer(),
  images: Type.Integer(),
  errors: Type.Integer(),
  exactDuplicateGroups: Type.Integer(),
  nearDuplicateGroups: Type.Integer(),
});

export const UploadQuery = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 255 }),
  sha256: Type.Optional(Type.String({ pattern: '^[0-9a-fA-F]{64}$' })),
});
