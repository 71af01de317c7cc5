import { Type, type Static } from 'typebox';

const CaseStatus = Type.Union([Type.Literal('open'), Type.Literal('closed'), Type.Literal('archived')]);

export const Case = Type.Object({
  id: Type.String(),
  number: Type.String(),
  title: Type.String(),
  unit: Type.String(),
  unitId: Type.Integer(),
  status: CaseStatus,
  createdAt: Type.String(),
  updatedAt: Type.String(),
  access: Type.Union([Type.Literal('read'), Type.Literal('write')]),
});
export type Case = Static<typeof Case>;

export const CaseCreate = Type.Object({
  number: Type.String({ minLength: 1, maxLength: 64 }),
  title: Type.String({ minLength: 1, maxLength: 500 }),
  unit: Type.Optional(Type.String()),
});
export const CasePatch = Type.Object({
  title: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })),
  status: Type.Optional(CaseStatus),
});

export const Member = Type.Object({
  username: Type.String(),
  displayName: Type.String(),
  role: Type.String(),
  unit: Type.String(),
  addedAt: Type.String(),
});
export const MemberAdd = Type.Object({ username: Type.String({ minLength: 1 }) });
