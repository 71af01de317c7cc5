// The bounded part of a dossier, read once: header, figures, evidence with its chain of custody, links, series,
// the `as of` moment and the audit anchor. The item listings and the audit excerpt are paged by the writers.
import type { Queryable } from '../../storage/db.ts';
import type { DossierPublicKey } from '../../storage/dossier-keys.ts';
import type { AuditRow } from '../../storage/repositories/audit.repository.ts';
import {
  dossierDataRepo,
  type CategoryCountRow,
  type CrossCaseRow,
  type DossierCaseRow,
  type DossierEvidenceRow,
  type DossierMemberRow,
  type DossierTotals,
  type ReasonCountRow,
  type SeriesRow,
  type SubjectRow,
} from '../../storage/repositories/dossier-data.repository.ts';
import { usersRepo } from '../../storage/repositories/users.repository.ts';
import { categoryKey } from './items-csv.ts';

/** Category labels, handed over by the API (the schemes live with the server); Dutch, as the dossier is. */
export type SchemeLabels = Array<{ id: string; nl: string; categories: Array<{ value: string; nl: string }> }>;

export type DossierCounts = {
  files: number;
  unique: number;
  byCategory: Record<string, { unique: number; files: number; known: number; videos: number }>;
  uncategorised: number;
  /** Of the uncategorised files, the videos. */
  uncategorisedVideos: number;
  errors: number;
};

export type DossierFacts = {
  case: DossierCaseRow;
  members: DossierMemberRow[];
  asOf: Date;
  anchor: { id: number; hash: string; at: Date } | null;
  totals: DossierTotals;
  categories: CategoryCountRow[];
  errorReasons: ReasonCountRow[];
  evidence: Array<DossierEvidenceRow & { custody: AuditRow[] }>;
  crossCase: Array<CrossCaseRow & { contact: string | null }>;
  series: SeriesRow[];
  subjects: SubjectRow[];
  labels: SchemeLabels;
  key: DossierPublicKey;
  counts: DossierCounts;
};

/** Audit actions that change nothing (views, lists, reveals, downloads, exports, dossiers, sign-ins). */
const READ_ACTIONS =
  '^(dossier\\.|auth\\.|access\\.denied$|lookup)|\\.(view|list|thumbnail|reveal|revealed|download|export)$';

export function countsOf(totals: DossierTotals, categories: readonly CategoryCountRow[]): DossierCounts {
  const byCategory: DossierCounts['byCategory'] = {};
  for (const r of categories) {
    const key = categoryKey(r.scheme, r.category);
    const c = (byCategory[key] ??= { unique: 0, files: 0, known: 0, videos: 0 });
    c.unique += r.unique; // a content has one verdict per case, so the groups never share a content
    c.files += r.files;
    c.videos += r.videos;
    if (r.source === 'hashset') c.known += r.files;
  }
  const { files, unique, uncategorised, errors } = totals;
  return { files, unique, byCategory, uncategorised, uncategorisedVideos: totals.uncategorised_videos, errors };
}

export async function readFacts(
  db: Queryable,
  caseId: string,
  labels: SchemeLabels,
  key: DossierPublicKey,
): Promise<DossierFacts> {
  const repo = dossierDataRepo(db);
  const head = await repo.caseHead(caseId);
  if (!head) throw new Error(`case ${caseId} no longer exists`);
  const asOf = await repo.asOf(caseId, READ_ACTIONS);
  const anchor = await repo.anchor(asOf);
  const [totals, categories, errorReasons, evidence] = [
    await repo.totals(caseId),
    await repo.categories(caseId),
    await repo.errorReasons(caseId),
    await repo.evidence(caseId),
  ];
  const custody = anchor ? await repo.custody(caseId, anchor.id) : [];
  const links = await repo.crossCase(caseId);
  const contacts = await Promise.all(links.map((l) => usersRepo(db).unitContact(l.unit_id)));
  return {
    case: head,
    members: await repo.members(caseId),
    asOf,
    anchor,
    totals,
    categories,
    errorReasons,
    evidence: evidence.map((e) => ({ ...e, custody: custody.filter((a) => a.target_id === e.id) })),
    crossCase: links.map((l, i) => ({ ...l, contact: contacts[i] ?? null })),
    series: await repo.series(caseId),
    subjects: await repo.subjects(caseId),
    labels,
    key,
    counts: countsOf(totals, categories),
  };
}
