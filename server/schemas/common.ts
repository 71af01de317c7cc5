import { Type, type Static } from 'typebox';

export const ErrorBody = Type.Object({ code: Type.String(), message: Type.String() }, { $id: 'Error' });
export type ErrorBody = Static<typeof ErrorBody>;

export const Role = Type.Union([Type.Literal('admin'), Type.Literal('lead'), Type.Literal('analyst'), Type.Literal('prosecutor')]);

export const Unit = Type.Object({ id: Type.Integer(), code: Type.String(), name: Type.String() });

export const User = Type.Object({
  id: Type.String(), username: Type.String(), displayName: Type.String(), contact: Type.Union([Type.String(), Type.Null()]),
  unit: Type.String(), unitId: Type.Integer(), role: Role, disabled: Type.Boolean(), settings: Type.Record(Type.String(), Type.Unknown()),
});
export type User = Static<typeof User>;

export const errors = (...codes: number[]) => Object.fromEntries(codes.map((c) => [c, ErrorBody]));
export const Ok = Type.Object({ ok: Type.Boolean() });
export const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
