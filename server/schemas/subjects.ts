// Victim identification: victims and series of a case, the media attached to them, clue notes pinned to a region
// of an image, and the suggestions other cases' leads receive when attached media match theirs.
import { Type, type Static } from 'typebox';
import { RowId } from './common.ts';

const Str = Type.String();
const NStr = Type.Union([Type.String(), Type.Null()]);
const Uuid = Type.String({ format: 'uuid' });
const Sha256 = Type.String({ pattern: '^[0-9a-f]{64}$' });

const SubjectKind = Type.Union([Type.Literal('victim'), Type.Literal('series')]);
export const SubjectParams = Type.Object({ id: Uuid, subjectId: Uuid });

export const Subject = Type.Object({
  id: Str,
  kind: SubjectKind,
  label: Type.String({ description: 'A victim: a pseudonymous label (S-01), never a name. A series: its name.' }),
  description: NStr,
  identified: Type.Boolean({ description: 'Victims: identified (VICS VictimIdentified). Always false for series.' }),
  createdAt: Str,
  media: Type.Array(Str, { description: 'SHA-256 of the attached content, in the order attached.' }),
});
export type Subject = Static<typeof Subject>;
export const SubjectList = Type.Object({ items: Type.Array(Subject) });

export const NewSubject = Type.Object(
  {
    label: Type.String({ minLength: 1, maxLength: 120 }),
    description: Type.Optional(Type.String({ maxLength: 4000 })),
    identified: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export const SubjectPatch = Type.Object(
  {
    label: Type.Optional(Type.String({ minLength: 1, maxLength: 120 })),
    description: Type.Optional(Type.Union([Type.String({ maxLength: 4000 }), Type.Null()])),
    identified: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

export const Attach = Type.Object(
  {
    sha256s: Type.Optional(Type.Array(Sha256, { maxItems: 5000 })),
    nearGroups: Type.Optional(
      Type.Array(RowId(), { maxItems: 1000, description: 'Whole near-duplicate groups of the case.' }),
    ),
  },
  { additionalProperties: false },
);
export const AttachResult = Type.Object({
  subject: Subject,
  changed: Type.Integer({ description: 'How many were attached (or detached) by this request.' }),
});
export const Detach = Type.Object(
  { sha256s: Type.Array(Sha256, { minItems: 1, maxItems: 5000 }) },
  { additionalProperties: false },
);

/** What the grid detail shows of one content: the subjects it is attached to. */
export const MediaSubjects = Type.Object({
  subjects: Type.Array(Type.Object({ id: Str, kind: SubjectKind, label: Str, identified: Type.Boolean() })),
});

const Box = Type.Object(
  {
    x: Type.Number({ minimum: 0, maximum: 1 }),
    y: Type.Number({ minimum: 0, maximum: 1 }),
    w: Type.Number({ exclusiveMinimum: 0, maximum: 1 }),
    h: Type.Number({ exclusiveMinimum: 0, maximum: 1 }),
  },
  { additionalProperties: false, description: 'Normalised to the image: 0..1 from the top left.' },
);
export const ClueNote = Type.Object({
  id: Type.Integer(),
  sha256: Str,
  box: Box,
  text: Str,
  createdBy: Str,
  createdAt: Str,
});
export type ClueNote = Static<typeof ClueNote>;
export const ClueNoteList = Type.Object({ notes: Type.Array(ClueNote) });
export const NewClueNote = Type.Object(
  { sha256: Sha256, box: Box, text: Type.String({ minLength: 1, maxLength: 4000 }) },
  { additionalProperties: false },
);
export const ClueNoteQuery = Type.Object({ sha256: Type.Optional(Sha256) }, { additionalProperties: false });
export const ClueNoteParams = Type.Object({ id: Uuid, noteId: RowId() });

const SuggestionState = Type.Union([Type.Literal('open'), Type.Literal('accepted'), Type.Literal('dismissed')]);
export const SuggestionQuery = Type.Object(
  { state: Type.Optional(Type.Union([SuggestionState, Type.Literal('all')])) },
  { additionalProperties: false },
);
export const SuggestionParams = Type.Object({ suggestionId: RowId() });

export const Suggestion = Type.Object({
  id: Type.Integer(),
  state: SuggestionState,
  kind: SubjectKind,
  case: Type.Object({ id: Str, number: Str }, { description: 'The recipient’s own case, whose media matched.' }),
  source: Type.Object(
    {
      number: Str,
      unit: Str,
      contact: NStr,
      visible: Type.Boolean(),
      caseId: Type.Union([Str, Type.Null()], { description: 'Only when the recipient may open the source case.' }),
      label: Type.Union([Str, Type.Null()], { description: 'The victim label or series name, only when visible.' }),
      identified: Type.Union([Type.Boolean(), Type.Null()]),
    },
    { description: 'The case holding the victim or series: hit/no-hit (number, unit, contact) unless visible.' },
  ),
  links: Type.Array(
    Type.Object({
      sha256: Type.Union([Str, Type.Null()], { description: 'The source content, only when visible.' }),
      otherSha256: Type.String({ description: 'The matching content in the recipient’s own case.' }),
      kind: Type.Union([Type.Literal('exact'), Type.Literal('near')]),
      distance: Type.Integer(),
    }),
  ),
  linkCount: Type.Integer(),
  computedAt: Str,
  decidedAt: NStr,
});
export type Suggestion = Static<typeof Suggestion>;
export const SuggestionList = Type.Object({ suggestions: Type.Array(Suggestion) });
