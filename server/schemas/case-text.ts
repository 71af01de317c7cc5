// Text in case media: search, one content's reading, the cross-case text lookup and a case's selectors.
import { Type } from 'typebox';

const NullStr = Type.Union([Type.String(), Type.Null()]);
const NullInt = Type.Union([Type.Integer(), Type.Null()]);
const Sha256 = Type.String({ pattern: '^[0-9a-f]{64}$' });

export const CaseMediaParams = Type.Object({ id: Type.String({ format: 'uuid' }), sha256: Sha256 });

export const TextSearchQuery = Type.Object(
  {
    q: Type.String({
      minLength: 1,
      maxLength: 200,
      description: 'Words, "a phrase", or -excluded (websearch syntax).',
    }),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
    cursor: Type.Optional(Type.String({ pattern: '^[0-9a-f]{64}$', description: 'The `next` of the previous page.' })),
  },
  { additionalProperties: false },
);

const TextMatch = Type.Object({
  sha256: Type.String(),
  path: Type.String(),
  snippet: Type.String({ description: 'The text around the matches, matching words between « and ».' }),
});

export const TextSearchResult = Type.Object({
  matches: Type.Array(TextMatch),
  total: Type.Integer(),
  next: NullStr,
});

export const TextViewQuery = Type.Object(
  { q: Type.Optional(Type.String({ maxLength: 200, description: 'Marks the words that match (match: true).' })) },
  { additionalProperties: false },
);

const Box = Type.Object({ x0: Type.Number(), y0: Type.Number(), x1: Type.Number(), y1: Type.Number() });

export const TextView = Type.Object({
  status: Type.Union([Type.Literal('pending'), Type.Literal('done'), Type.Literal('no-text'), Type.Literal('failed')]),
  text: Type.String(),
  lines: Type.Array(
    Type.Object({
      text: Type.String(),
      words: Type.Array(
        Type.Object({
          text: Type.String(),
          confidence: Type.Number(),
          box: Box,
          match: Type.Optional(Type.Boolean()),
        }),
      ),
    }),
  ),
  width: NullInt,
  height: NullInt,
});

const OwnerRef = Type.Object({
  number: Type.String(),
  unit: Type.String(),
  visible: Type.Boolean(),
  contact: NullStr,
  matchCount: Type.Optional(Type.Integer()),
});

const ReportOwnerRef = Type.Object({
  number: Type.String(),
  unit: Type.String(),
  visible: Type.Boolean(),
  contact: NullStr,
  id: NullStr,
  received: Type.String(),
});

export const TextLookupBody = Type.Object(
  { query: Type.String({ minLength: 1, maxLength: 200 }) },
  { additionalProperties: false },
);

export const TextLookupResult = Type.Object({
  query: Type.String(),
  hits: Type.Array(
    Type.Object({
      case: OwnerRef,
      count: Type.Integer({ description: 'Contents of that case whose text matches.' }),
      matches: Type.Array(TextMatch, { description: 'A few matches, only for a case you may open.' }),
    }),
  ),
});

export const CaseSelectors = Type.Object({
  selectors: Type.Array(
    Type.Object({
      type: Type.String(),
      value: Type.String(),
      role: Type.String(),
      items: Type.Integer(),
      reports: Type.Array(ReportOwnerRef),
      cases: Type.Array(OwnerRef),
    }),
  ),
});
