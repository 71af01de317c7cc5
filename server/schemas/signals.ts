// API shapes of signals (the frontoffice queue), clusters of linked meldingen and their "lijkt op" hints.
import { Type } from 'typebox';
import { RowId } from './common.ts';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const Messages = Type.Object({ nl: Type.String(), en: Type.String() });

const SignalState = Type.Union([
  Type.Literal('open'),
  Type.Literal('acknowledged'),
  Type.Literal('assigned'),
  Type.Literal('closed'),
]);

/** A melding as a hit: `id` (and a value in links) only when you may open it; otherwise hit/no-hit. */
const ReportRef = Type.Object({
  id: Nullable(Type.String()),
  number: Type.String(),
  unit: Type.String(),
  received: Type.String({ description: 'YYYY-MM-DD' }),
  visible: Type.Boolean(),
  contact: Nullable(Type.String({ description: "The receiving unit's frontoffice (else lead) to call." })),
});

const ClusterLink = Type.Object({
  a: Type.String({ description: 'Melding number' }),
  aUnit: Type.String(),
  b: Type.String(),
  bUnit: Type.String(),
  type: Type.String(),
  value: Nullable(Type.String({ description: 'Null when you may open neither melding.' })),
});

const NearHint = Type.Object({
  report: Type.String({ description: 'Number of your melding that carries `value`.' }),
  type: Type.String(),
  value: Type.String(),
  near: Type.Array(Type.Object({ value: Nullable(Type.String()), reason: Type.String(), report: ReportRef }), {
    description: 'Values one slip away in other meldingen: shown, never linked.',
  }),
});

export const Cluster = Type.Object({
  id: Type.Integer(),
  reports: Type.Array(ReportRef),
  links: Type.Array(ClusterLink),
  hints: Type.Array(NearHint),
});

export const ReportLinks = Type.Object({ cluster: Nullable(Cluster), hints: Type.Array(NearHint) });

export const Signal = Type.Object({
  id: Type.Integer(),
  cluster: Type.Integer({ description: 'The cluster now (followed to where it was merged).' }),
  unit: Type.String(),
  raisedBy: Type.String({ description: 'Number of the melding that raised it.' }),
  reasonCode: Type.Union([Type.Literal('cross-unit'), Type.Literal('three-or-more'), Type.Literal('case-link')]),
  reason: Messages,
  priority: Type.Integer(),
  state: SignalState,
  assignee: Nullable(Type.String()),
  note: Nullable(Type.String()),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});

export const SignalDetail = Type.Object({ signal: Signal, cluster: Nullable(Cluster) });
export const SignalPage = Type.Object({ signals: Type.Array(Signal), next: Nullable(Type.Integer()) });

export const SignalQuery = Type.Object(
  {
    state: Type.Optional(SignalState),
    unit: Type.Optional(Type.String({ maxLength: 64, description: 'Administrators: one unit.' })),
    offset: Type.Optional(RowId()),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
  },
  { additionalProperties: false },
);

export const SignalIdParams = Type.Object({ id: RowId() });

export const AssignBody = Type.Object(
  { assignee: Type.String({ minLength: 1, maxLength: 64, description: 'Username of a member of the unit.' }) },
  { additionalProperties: false },
);
export const CloseBody = Type.Object(
  { note: Type.String({ minLength: 1, maxLength: 4000, description: 'What was done with the signal.' }) },
  { additionalProperties: false },
);
