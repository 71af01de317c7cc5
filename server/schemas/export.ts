// Exports of a case: what a VICS export carries before it is downloaded.
import { Type, type Static } from 'typebox';

const UnmappedCategories = Type.Record(Type.String(), Type.Integer({ minimum: 1 }), {
  description:
    'Per category scheme: items whose category has no equivalent in the VICS 2.0 US profile, written without one.',
});

export const VicsExportSummary = Type.Object({
  case: Type.String({ description: 'Case number.' }),
  profile: Type.Literal('US', { description: 'The VICS 2.0 profile the export is written in.' }),
  categorised: Type.Integer({ description: 'Items of the case that carry a category, in any scheme.' }),
  unmappedCategories: UnmappedCategories,
});
export type VicsExportSummary = Static<typeof VicsExportSummary>;
