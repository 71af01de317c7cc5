import { Type } from 'typebox';

const NullStr = Type.Union([Type.String(), Type.Null()]);

export const Match = Type.Object({
  kind: Type.Union([Type.Literal('exact'), Type.Literal('near')]), distance: Type.Integer(),
  source: Type.Union([Type.Literal('hashset'), Type.Literal('case')]),
  hashSet: Type.Union([Type.Object({ name: Type.String(), version: Type.String() }), Type.Null()]),
  case: Type.Union([Type.Object({ number: Type.String(), unit: Type.String(), visible: Type.Boolean(), contact: NullStr, matchCount: Type.Optional(Type.Integer()) }), Type.Null()]),
  category: NullStr, series: NullStr, victimIdentified: Type.Union([Type.Boolean(), Type.Null()]),
});

export const LookupBody = Type.Object({
  md5: Type.Optional(Type.String()), sha1: Type.Optional(Type.String()), sha256: Type.Optional(Type.String()), pdq: Type.Optional(Type.String()),
  radius: Type.Optional(Type.Integer({ minimum: 0, maximum: 31 })),
}, { additionalProperties: false });

export const LookupResult = Type.Object({ query: Type.Record(Type.String(), Type.Unknown()), matches: Type.Array(Match) });

export const HashSet = Type.Object({
  id: Type.String(), name: Type.String(), source: Type.String(), version: Type.String(), format: Type.String(), profile: NullStr, scheme: NullStr,
  visibility: Type.String(), unit: Type.String(), radius: Type.Integer(), entries: Type.Integer(), skipped: Type.Integer(), status: Type.String(),
  importedBy: Type.String(), importedAt: Type.String(), error: NullStr,
});

export const ImportQuery = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 100 }), version: Type.Optional(Type.String({ maxLength: 100 })),
  format: Type.Optional(Type.Union([Type.Literal('vics'), Type.Literal('list'), Type.Literal('csv')])), source: Type.Optional(Type.String({ maxLength: 100 })),
  visibility: Type.Optional(Type.Union([Type.Literal('national'), Type.Literal('unit')])), radius: Type.Optional(Type.Integer({ minimum: 0, maximum: 64 })),
  scheme: Type.Optional(Type.String({ maxLength: 50 })),
});

export const ImportProgress = Type.Object({
  status: Type.Union([Type.Literal('running'), Type.Literal('done'), Type.Literal('failed')]), records: Type.Integer(), entries: Type.Integer(), error: NullStr,
  result: Type.Union([Type.Object({ name: Type.String(), version: Type.String(), entries: Type.Integer(), skippedCount: Type.Integer(), seconds: Type.Number(),
    setId: Type.String(), skipped: Type.Array(Type.Object({ position: Type.String(), reason: Type.String() })) }), Type.Null()]),
});
