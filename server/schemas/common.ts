import { Type, type Static } from 'typebox';

const ErrorBody = Type.Object({ code: Type.String(), message: Type.String() }, { $id: 'Error' });

export const Role = Type.Union([
  Type.Literal('admin'),
  Type.Literal('lead'),
  Type.Literal('analyst'),
  Type.Literal('prosecutor'),
  Type.Literal('frontoffice'),
]);

export const Unit = Type.Object({ id: Type.Integer(), code: Type.String(), name: Type.String() });

export const User = Type.Object({
  id: Type.String(),
  username: Type.String(),
  displayName: Type.String(),
  contact: Type.Union([Type.String(), Type.Null()]),
  unit: Type.String(),
  unitId: Type.Integer(),
  role: Role,
  disabled: Type.Boolean(),
  settings: Type.Record(Type.String(), Type.Unknown()),
  mustChangePassword: Type.Boolean({ description: 'One-time password: only me, logout and password change answer.' }),
});
export type User = Static<typeof User>;

// Every route can answer 503 while the database is away (a restart): documented once, here.
export const errors = (...codes: number[]) => Object.fromEntries([...codes, 503].map((c) => [c, ErrorBody]));
export const Ok = Type.Object({ ok: Type.Boolean() });
export const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });

/** A row id or keyset position: a whole number JavaScript and PostgreSQL's bigint both hold exactly. */
export const RowId = (opts: { minimum?: number; description?: string } = {}) =>
  Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER, ...opts });

/** An ISO 8601 instant PostgreSQL accepts: years 0001–9999 (there is no year 0). */
export const Instant = (opts: { description?: string } = {}) =>
  Type.String({ format: 'date-time', pattern: '^(?!0000)[0-9]{4}-', ...opts });
