import { Type } from 'typebox';

const NullStr = Type.Union([Type.String(), Type.Null()]);

export const Match = Type.Object({
  kind: Type.Union([Type.Literal('exact'), Type.Literal('near')]),
  distance: Type.Integer(),
  source: Type.Union([Type.Literal('hashset'), Type.Literal('case')]),
  hashSet: Type.Union([Type.Object({ name: Type.String(), version: Type.String() }), Type.Null()]),
  case: Type.Union([
    Type.Object({
      number: Type.String(),
      unit: Type.String(),
      visible: Type.Boolean(),
      contact: NullStr,
      matchCount: Type.Optional(Type.Integer()),
    }),
    Type.Null(),
  ]),
  category: NullStr,
  series: NullStr,
  victimIdentified: Type.Union([Type.Boolean(), Type.Null()]),
});

export const LookupBody = Type.Object(
  {
    md5: Type.Optional(Type.String()),
    sha1: Type.Optional(Type.String()),
    sha256: Type.Optional(Type.String()),
    pdq: Type.Optional(Type.String()),
    radius: Type.Optional(Type.Integer({ minimum: 0, maximum: 31 })),
  },
  { additionalProperties: false },
);

export const LookupResult = Type.Object({
  query: Type.Record(Type.String(), Type.Unknown()),
  matches: Type.Array(Match),
});
