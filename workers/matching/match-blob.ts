// Matches one piece of content of one case against hash sets (exact and near) and other cases
// (exact and near), records the matches (both directions for case links) and auto-categorises
// from hash sets without ever overriding a manual categorisation.
import type { Queryable } from '../../storage/db.ts';
import { hashSetsRepo, type EntryHit } from '../../storage/repositories/hashsets.repository.ts';
import { matchesRepo, type MatchInsert } from '../../storage/repositories/matches.repository.ts';
import type { PdqColumns } from '../../storage/repositories/blobs.repository.ts';
import { PDQ_NEAR_RADIUS } from '../signals/index.ts';
import type { PdqIndexes } from './pdq-indexes.ts';
import { queryPdqs } from './pdq-variants.ts';
import { findFrameCaseHits } from '../video/match-frames.ts';
import type { FrameLookup } from '../video/video-links.ts';

/** `frames`: a video's usable frame hashes (workers/video), looked up as an image's variants are. */
export type BlobToMatch = PdqColumns & { id: number; sha256: string; md5: string; sha1: string; frames?: string[] };
export type SetHit = EntryHit & { kind: 'exact' | 'near'; distance: number; hashKind: string };

/** VICS 2.0 profiles share one numbering; case_media stores it as 'vics2'. */
const caseScheme = (scheme: string | null) => (scheme && scheme.startsWith('vics2') ? 'vics2' : (scheme ?? 'vics2'));

function exactKind(e: EntryHit, b: { md5: string | null; sha1: string | null; sha256: string | null }): string {
  return e.sha256 && e.sha256 === b.sha256 ? 'sha256' : e.sha1 && e.sha1 === b.sha1 ? 'sha1' : 'md5';
}

/** Hash-set hits for a blob (or a lookup query): exact by MD5/SHA-1/SHA-256, near by PDQ with dihedrals. */
export async function findSetHits(
  db: Queryable,
  indexes: PdqIndexes,
  q: { md5: string | null; sha1: string | null; sha256: string | null; pdqs: string[] },
  unitId: number,
  radius: number | null,
): Promise<SetHit[]> {
  const repo = hashSetsRepo(db);
  const exact = q.md5 || q.sha1 || q.sha256 ? await repo.exactHits(q, unitId) : [];
  const hits: SetHit[] = exact.map((e) => ({ ...e, kind: 'exact', distance: 0, hashKind: exactKind(e, q) }));
  if (q.pdqs.length === 0) return hits;
  // Without an explicit radius each set's own radius applies: query with the widest, filter per set below.
  const near = indexes.queryEntries(q.pdqs, radius ?? indexes.maxSetRadius);
  const known = new Set(hits.map((h) => h.id));
  const ids = [...near.keys()].filter((id) => !known.has(id));
  if (ids.length === 0) return hits;
  for (const e of await repo.activeEntries(ids, unitId)) {
    const distance = near.get(e.id)!;
    if (distance <= (radius ?? e.near_radius)) hits.push({ ...e, kind: 'near', distance, hashKind: 'pdq' });
  }
  return hits.sort((a, b) => a.distance - b.distance);
}

/** Other cases holding the same content (exact) or similar content (PDQ ≤ radius). */
export async function findCaseHits(
  db: Queryable,
  indexes: PdqIndexes,
  blob: { sha256: string | null; id: number | null; pdqs: string[] },
  caseId: string | null,
  radius = PDQ_NEAR_RADIUS,
) {
  const repo = matchesRepo(db);
  const none = '00000000-0000-0000-0000-000000000000';
  const exact = blob.sha256
    ? (await repo.otherCasesWithBlob(blob.sha256, caseId ?? none)).map((c) => ({
        caseId: c,
        sha256: blob.sha256!,
        kind: 'exact' as const,
        distance: 0,
      }))
    : [];
  const near = blob.pdqs.length ? indexes.queryBlobs(blob.pdqs, radius) : new Map<number, number>();
  if (blob.id !== null) near.delete(blob.id);
  const nearRows = near.size ? await repo.blobsInOtherCases([...near.keys()], caseId ?? none) : [];
  return [
    ...exact,
    ...nearRows
      .filter((r) => r.sha256 !== blob.sha256)
      .map((r) => ({ caseId: r.case_id, sha256: r.sha256, kind: 'near' as const, distance: near.get(r.id)! })),
  ];
}

export type CategoryChange = { category: string | null } | null;

/** Returns what changed (a category set, or cleared to null), or null when nothing did, for the audit. */
async function categorise(db: Queryable, caseId: string, sha: string, hits: SetHit[]): Promise<CategoryChange> {
  const withCategory = hits.filter((h) => h.category !== null);
  const repo = matchesRepo(db);
  const existing = await repo.caseMedia(caseId, sha);
  if (withCategory.length === 0) {
    // No active set knows this content any more (e.g. a new version dropped it): un-know it.
    if (existing?.source !== 'hashset') return null;
    await repo.clearHashsetCategory(caseId, sha);
    return { category: null };
  }
  const chosen = withCategory[0]!;
  const categories = [...new Set(withCategory.map((h) => h.category))];
  const sources = withCategory.map((h) => ({
    hashSet: h.set_name,
    version: h.set_version,
    category: h.category,
    kind: h.kind,
    distance: h.distance,
  }));
  if (existing?.source === 'manual') {
    if (existing.category !== chosen.category || categories.length > 1)
      await repo.flagConflict(caseId, sha, { manual: existing.category, hashsets: sources });
    return null;
  }
  await repo.setFromHashset(caseId, sha, {
    category: chosen.category!,
    scheme: caseScheme(chosen.scheme),
    conflict: categories.length > 1,
    provenance: { hashSet: chosen.set_name, version: chosen.set_version, kind: chosen.kind, distance: chosen.distance },
    conflictDetail: categories.length > 1 ? { hashsets: sources } : null,
    series: chosen.series,
    victimIdentified: chosen.victim_identified,
  });
  return existing?.category === chosen.category && existing?.source === 'hashset'
    ? null
    : { category: chosen.category };
}

/** Other cases' content alike to this: by hashes (images' PDQ index) and by video frames (the frame index). */
async function caseHitsOf(
  db: Queryable,
  indexes: PdqIndexes,
  caseId: string,
  blob: BlobToMatch & { pdqs: string[] },
  frameIndex?: FrameLookup,
) {
  const byHash = await findCaseHits(db, indexes, { sha256: blob.sha256, id: blob.id, pdqs: blob.pdqs }, caseId);
  if (!frameIndex) return byHash;
  const frames = { ...blob, variants: queryPdqs(blob), frames: blob.frames ?? [] };
  return [...byHash, ...(await findFrameCaseHits(db, frameIndex, frames, caseId, PDQ_NEAR_RADIUS))];
}

/** A video meets hash-set entries and other cases' content through its frames, as an image through its variants. */
export async function matchBlobInCase(
  db: Queryable,
  indexes: PdqIndexes,
  c: { id: string; unit_id: number },
  blob: BlobToMatch,
  frameIndex?: FrameLookup,
): Promise<CategoryChange> {
  const pdqs = [...queryPdqs(blob), ...(blob.frames ?? [])];
  const setHits = await findSetHits(
    db,
    indexes,
    { md5: blob.md5, sha1: blob.sha1, sha256: blob.sha256, pdqs },
    c.unit_id,
    null,
  );
  const caseHits = await caseHitsOf(db, indexes, c.id, { ...blob, pdqs }, frameIndex);
  const rows: MatchInsert[] = setHits.map((h) => ({
    caseId: c.id,
    blobSha256: blob.sha256,
    kind: h.kind,
    targetType: 'hashset',
    targetKey: `entry:${h.id}`,
    hashSetId: h.set_id,
    entryId: h.id,
    otherCaseId: null,
    otherBlobSha256: null,
    hashKind: h.hashKind,
    distance: h.distance,
  }));
  for (const h of caseHits) {
    const link = {
      kind: h.kind,
      targetType: 'case' as const,
      hashSetId: null,
      entryId: null,
      hashKind: h.kind === 'exact' ? 'sha256' : 'pdq',
      distance: h.distance,
    };
    rows.push({
      ...link,
      caseId: c.id,
      blobSha256: blob.sha256,
      targetKey: `case:${h.caseId}:${h.sha256}`,
      otherCaseId: h.caseId,
      otherBlobSha256: h.sha256,
    });
    // The other case learns of this one too: links are symmetric.
    rows.push({
      ...link,
      caseId: h.caseId,
      blobSha256: h.sha256,
      targetKey: `case:${c.id}:${blob.sha256}`,
      otherCaseId: c.id,
      otherBlobSha256: blob.sha256,
    });
  }
  const repo = matchesRepo(db);
  await repo.clearHashsetMatches(c.id, blob.sha256);
  await repo.upsert(rows);
  return categorise(db, c.id, blob.sha256, setHits);
}
