// API shapes: the server's TypeBox schemas, reused as types (type-only imports, nothing is bundled).
import type { Static } from 'typebox';
import type { Case, Member } from '../../../server/schemas/cases.ts';
import type { User } from '../../../server/schemas/common.ts';
import type { Evidence, Progress } from '../../../server/schemas/evidence.ts';
import type { HashSet as HashSetSchema, ImportProgress } from '../../../server/schemas/hashsets.ts';
import type { LookupResult as LookupResultSchema, Match as MatchSchema } from '../../../server/schemas/lookup.ts';

export type { Case, User };
export type {
  CaseCounts,
  CategoriseResult,
  Facets,
  Group,
  ItemErrorPage,
  Media,
  MediaDetail,
  MediaPage,
  Schemes,
  SortName,
} from '../../../server/schemas/media.ts';
export type MemberView = Static<typeof Member>;
export type EvidenceView = Static<typeof Evidence>;
export type ProgressView = Static<typeof Progress>;

export type AuditEntry = {
  id: number;
  at: string;
  actor: string;
  action: string;
  targetType: string | null;
  targetId: string | null;
  caseId: string | null;
  details: Record<string, unknown>;
  hash: string;
};

export type Match = Static<typeof MatchSchema>;
export type MatchList = { matches: Match[] };
export type LookupResult = Static<typeof LookupResultSchema>;
export type HashSet = Static<typeof HashSetSchema>;
export type HashSetImport = Static<typeof ImportProgress>;

export type Settings = { language: 'nl' | 'en'; blur: number; greyscale: boolean; thumbSize: number };
