// API shapes of meldingen (reports), their attachments and selector occurrences.
import { Type, type Static } from 'typebox';
import { RowId } from './common.ts';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const Day = (description: string) => Type.String({ format: 'date', description });

const Offence = Type.Union([
  Type.Literal('sextortion'),
  Type.Literal('grooming'),
  Type.Literal('misbruik-beeldmateriaal'),
  Type.Literal('other'),
]);
const ReportStatus = Type.Union([
  Type.Literal('pending'),
  Type.Literal('extracting'),
  Type.Literal('done'),
  Type.Literal('failed'),
]);
const Messages = Type.Object({ nl: Type.String(), en: Type.String() });

export const ReportCreate = Type.Object(
  {
    number: Type.String({ minLength: 1, maxLength: 64, description: 'Registration number of the source system.' }),
    received: Day('The day the melding was received (YYYY-MM-DD).'),
    offence: Type.Optional(Nullable(Offence)),
    victimMinor: Type.Boolean(),
    aangifte: Type.Boolean({ description: 'Whether the melding became a formal complaint (aangifte).' }),
    text: Type.String({ maxLength: 200_000 }),
    unit: Type.Optional(Type.String({ maxLength: 64, description: 'Receiving unit (administrators only).' })),
  },
  { additionalProperties: false },
);

const reportFields = {
  id: Type.String(),
  number: Type.String(),
  unit: Type.String(),
  unitCode: Type.String(),
  unitId: Type.Integer(),
  received: Type.String({ format: 'date' }),
  offence: Nullable(Offence),
  victimMinor: Type.Boolean(),
  aangifte: Type.Boolean(),
  bodySha256: Type.String(),
  createdBy: Type.String(),
  createdAt: Type.String(),
  status: ReportStatus,
  error: Nullable(Messages),
  extractedAt: Nullable(Type.String()),
  clusterId: Nullable(Type.Integer({ description: 'The cluster of linked meldingen; null: linked to nothing yet.' })),
};
export const Report = Type.Object({
  ...reportFields,
  attachments: Type.Optional(Type.Integer()),
  selectors: Type.Optional(Type.Integer()),
});
export type Report = Static<typeof Report>;

export const ReportListQuery = Type.Object(
  {
    unit: Type.Optional(Type.String({ maxLength: 64, description: 'Unit name or code (administrators).' })),
    status: Type.Optional(ReportStatus),
    offence: Type.Optional(Offence),
    from: Type.Optional(Day('Received on or after this day.')),
    to: Type.Optional(Day('Received on or before this day.')),
    offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000_000 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
  },
  { additionalProperties: false },
);
export const ReportPage = Type.Object({
  reports: Type.Array(Report),
  next: Nullable(Type.Integer({ description: 'Pass as `offset` for the next page; null on the last page.' })),
});

const OcrStatus = Type.Union([
  Type.Literal('pending'),
  Type.Literal('done'),
  Type.Literal('skipped'),
  Type.Literal('failed'),
]);
export const Attachment = Type.Object({
  id: Type.Integer(),
  ordinal: Type.Integer(),
  name: Type.String(),
  sha256: Type.String(),
  size: Type.Integer(),
  mime: Nullable(Type.String()),
  kind: Type.Union([Type.Literal('image'), Type.Literal('pdf')]),
  uploadedBy: Type.String(),
  uploadedAt: Type.String(),
  ocrStatus: OcrStatus,
  ocrError: Nullable(Type.String()),
  width: Nullable(Type.Integer({ description: 'Pixels of the read image (boxes are in these); null before OCR.' })),
  height: Nullable(Type.Integer()),
});

const Box = Type.Object({ x0: Type.Number(), y0: Type.Number(), x1: Type.Number(), y1: Type.Number() });
const SelectorOccurrence = Type.Object({
  id: Type.Integer(),
  type: Type.String(),
  value: Type.String(),
  surface: Type.String(),
  source: Type.Union([Type.Literal('text'), Type.Literal('attachment')]),
  attachmentId: Nullable(Type.Integer()),
  start: Nullable(Type.Integer()),
  end: Nullable(Type.Integer()),
  box: Nullable(Box),
  role: Type.Union([
    Type.Literal('offender'),
    Type.Literal('unknown'),
    Type.Literal('victim'),
    Type.Literal('reporter'),
  ]),
  platform: Nullable(Type.String()),
  seenAt: Nullable(Type.String()),
  repaired: Type.Boolean(),
});

export const ReportDetail = Type.Object({
  ...reportFields,
  text: Type.String(),
  attachments: Type.Array(Attachment),
  selectors: Type.Array(SelectorOccurrence),
});

export const AttachmentParams = Type.Object({
  id: Type.String({ format: 'uuid' }),
  attachmentId: RowId({ minimum: 1 }),
});
export const AttachmentUploadQuery = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 255, description: 'The file name as the melding gave it.' }),
  sha256: Type.Optional(Type.String({ pattern: '^[0-9a-fA-F]{64}$', description: 'Refused when the bytes differ.' })),
});
export const AttachmentImageQuery = Type.Object(
  { reveal: Type.Optional(Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER })) },
  { additionalProperties: false },
);
export const AttachmentReveal = Type.Object({
  attachmentId: Type.Integer(),
  auditId: Type.Integer({ description: 'Pass back as `reveal` to the image route for the clear image.' }),
  expiresAt: Type.String({ format: 'date-time' }),
});
export const BinaryBody = Type.Unsafe<unknown>({ type: 'string', format: 'binary' });
