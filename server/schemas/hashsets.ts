// Hash sets (known material) and their imports.
import { Type } from 'typebox';

const NullStr = Type.Union([Type.String(), Type.Null()]);

export const HashSet = Type.Object({
  id: Type.String(),
  name: Type.String(),
  source: Type.String(),
  version: Type.String(),
  format: Type.String(),
  profile: NullStr,
  scheme: NullStr,
  visibility: Type.String(),
  unit: Type.String(),
  radius: Type.Integer(),
  entries: Type.Integer(),
  skipped: Type.Integer(),
  status: Type.String(),
  importedBy: Type.String(),
  importedAt: Type.String(),
  error: NullStr,
});

export const ImportQuery = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 100 }),
  version: Type.Optional(Type.String({ maxLength: 100 })),
  format: Type.Optional(Type.Union([Type.Literal('vics'), Type.Literal('list'), Type.Literal('csv')])),
  source: Type.Optional(Type.String({ maxLength: 100 })),
  visibility: Type.Optional(Type.Union([Type.Literal('national'), Type.Literal('unit')])),
  radius: Type.Optional(Type.Integer({ minimum: 0, maximum: 64 })),
  scheme: Type.Optional(Type.String({ maxLength: 50 })),
});

export const ImportStarted = Type.Object({ importId: Type.String() });

export const ImportProgress = Type.Object({
  status: Type.Union([Type.Literal('running'), Type.Literal('done'), Type.Literal('failed')]),
  records: Type.Integer(),
  entries: Type.Integer(),
  error: NullStr,
  result: Type.Union([
    Type.Object({
      name: Type.String(),
      version: Type.String(),
      entries: Type.Integer(),
      skippedCount: Type.Integer(),
      seconds: Type.Number(),
      setId: Type.String(),
      skipped: Type.Array(Type.Object({ position: Type.String(), reason: Type.String() })),
    }),
    Type.Null(),
  ]),
});
