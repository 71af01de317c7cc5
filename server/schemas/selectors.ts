// API shapes of selector lookup ("has anyone reported this before?"), the public-selector list and hubs.
import { Type } from 'typebox';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

export const SelectorType = Type.Union([
  Type.Literal('phone'),
  Type.Literal('email'),
  Type.Literal('handle'),
  Type.Literal('iban'),
  Type.Literal('ip'),
  Type.Literal('url'),
  Type.Literal('btc'),
  Type.Literal('eth'),
]);

const written = {
  selector: Type.String({ minLength: 1, maxLength: 300, description: 'Any written form: "+31 (0)6-12345678".' }),
  type: Type.Optional(SelectorType),
};

export const SelectorBody = Type.Object(written, { additionalProperties: false });

export const SelectorLookupResult = Type.Object({
  query: Type.Object({ type: SelectorType, value: Type.String(), public: Type.Boolean() }),
  matches: Type.Array(
    Type.Object({
      source: Type.Literal('report'),
      report: Type.Object({
        number: Type.String(),
        unit: Type.String(),
        visible: Type.Boolean(),
        contact: Nullable(Type.String()),
      }),
      received: Type.String(),
      surface: Nullable(Type.String({ description: 'As written in the melding; null when you may not open it.' })),
    }),
  ),
});

export const PublicSelector = Type.Object({
  type: SelectorType,
  value: Type.String(),
  note: Type.String(),
  addedBy: Type.String(),
  addedAt: Type.String(),
});

export const PublicAddBody = Type.Object(
  { ...written, note: Type.Optional(Type.String({ maxLength: 200 })) },
  { additionalProperties: false },
);

export const PublicChange = Type.Object({
  type: SelectorType,
  value: Type.String(),
  changed: Type.Boolean({ description: 'False when it was on (or off) the list already.' }),
  links: Type.Integer({ description: 'Links removed (added to the list) or made (removed from it).' }),
});

const HubState = Type.Union([Type.Literal('review'), Type.Literal('public'), Type.Literal('offender')]);

export const Hub = Type.Object({
  type: SelectorType,
  value: Type.String(),
  reports: Type.Integer({ description: 'Otherwise unlinked groups of meldingen carrying it when it was held.' }),
  units: Type.Integer(),
  state: HubState,
  decidedBy: Nullable(Type.String()),
  decidedAt: Nullable(Type.String()),
  createdAt: Type.String(),
});

export const HubQuery = Type.Object({ state: Type.Optional(HubState) }, { additionalProperties: false });

export const HubDecision = Type.Object(
  { ...written, state: Type.Union([Type.Literal('public'), Type.Literal('offender')]) },
  { additionalProperties: false },
);

export const HubDecided = Type.Object({
  type: SelectorType,
  value: Type.String(),
  state: HubState,
  linked: Type.Integer(),
  unlinked: Type.Integer(),
});
