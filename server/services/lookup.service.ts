// "Has anyone seen this before?": one hash or one image against hash sets and every case.
// Hits in cases the user may not open reveal only the case number, unit, lead's contact and a count.
import type { PgBoss } from 'pg-boss';
import { inTransaction, type Pool } from '../../storage/db.ts';
import { blobsRepo } from '../../storage/repositories/blobs.repository.ts';
import { matchesRepo, type MatchRow } from '../../storage/repositories/matches.repository.ts';
import { hashBuffer } from '../../workers/hashing/multi-hash.ts';
import { analyseImage, ImageDecodeError } from '../../workers/imaging/analyse-image.ts';
import { enqueue } from '../../workers/jobs.ts';
import { findCaseHits, findSetHits, type SetHit } from '../../workers/matching/match-blob.ts';
import { videoFrameHits } from '../../workers/video/match-frames.ts';
import type { PdqIndexes } from '../../workers/matching/pdq-indexes.ts';
import { HASH_SIGNALS, pdq as pdqSignal, PDQ_NEAR_RADIUS } from '../../workers/signals/index.ts';
import { BadInput } from '../errors.ts';
import type { Actor } from './actor.ts';
import type { AuditService } from './audit.service.ts';
import type { CasesService } from './cases.service.ts';
import { collapseHidden, type Disclosure, type OwnerRef } from './disclosure.ts';

export type LookupQuery = { md5?: string; sha1?: string; sha256?: string; pdq?: string; radius?: number };
type CaseRef = OwnerRef;
export type Match = {
  kind: 'exact' | 'near';
  distance: number;
  source: 'hashset' | 'case';
  hashSet: { name: string; version: string } | null;
  case: CaseRef | null;
  category: string | null;
  series: string | null;
  victimIdentified: boolean | null;
};
type Hashes = { md5: string | null; sha1: string | null; sha256: string | null; pdq: string | null };

function normalise(q: LookupQuery): Hashes {
  const out: Hashes = { md5: null, sha1: null, sha256: null, pdq: null };
  for (const signal of HASH_SIGNALS) {
    const raw = q[signal.name]?.trim();
    if (!raw) continue;
    const value = signal.normalise(raw);
    const hexLength = signal.pattern.match(/\{(\d+)\}/)?.[1];
    if (!value) {
      throw new BadInput({
        nl: `${signal.label} moet uit ${hexLength} hexadecimale tekens bestaan.`,
        en: `${signal.label} must be ${hexLength} hexadecimal characters.`,
      });
    }
    out[signal.name] = value;
  }
  if (!out.md5 && !out.sha1 && !out.sha256 && !out.pdq) {
    throw new BadInput({
      nl: 'Geef een hash om op te zoeken (MD5, SHA-1, SHA-256 of PDQ), of een afbeelding.',
      en: 'Give a hash to look up: MD5, SHA-1, SHA-256 or PDQ, or an image.',
    });
  }
  return out;
}

function checkRadius(radius: number): void {
  if (Number.isInteger(radius) && radius >= 0 && radius <= PDQ_NEAR_RADIUS) return;
  throw new BadInput({
    nl: `De straal is een geheel getal van 0 tot ${PDQ_NEAR_RADIUS}: ruimer zoeken zou ongerelateerde zaken tonen.`,
    en: `Radius must be a whole number from 0 to ${PDQ_NEAR_RADIUS}: wider searches would list unrelated cases.`,
  });
}

/** A hit in a case the actor may not open keeps only that it exists: no category, series or victim flag. */
const redactMatch = (m: Match, owner: OwnerRef): Match => ({
  ...m,
  category: null,
  series: null,
  victimIdentified: null,
  case: owner,
});
const hideInvisible = (matches: Match[]) => collapseHidden(matches, (m) => m.case, redactMatch);

type LookupDeps = { pool: Pool; indexes: PdqIndexes; audit: AuditService; disclosure: Disclosure };
type RefOf = (caseId: string) => Promise<OwnerRef>;

const setHitMatch = (h: SetHit): Match => ({
  kind: h.kind,
  distance: h.distance,
  source: 'hashset',
  hashSet: { name: h.set_name, version: h.set_version },
  case: null,
  category: h.category,
  series: h.series,
  victimIdentified: h.victim_identified,
});

const caseMatch = (kind: Match['kind'], distance: number, ref: CaseRef, category: string | null): Match => ({
  kind,
  distance,
  source: 'case',
  hashSet: null,
  case: ref,
  category,
  series: null,
  victimIdentified: null,
});

/** A stored match of content in a case; another case's category only when the actor may open that case. */
async function storedMatch(r: MatchRow, refOf: RefOf): Promise<Match> {
  if (r.target_type === 'hashset') {
    return {
      kind: r.kind,
      distance: r.distance,
      source: 'hashset',
      hashSet: { name: r.set_name!, version: r.set_version! },
      case: null,
      category: r.category,
      series: r.series,
      victimIdentified: r.victim_identified,
    };
  }
  const ref = await refOf(r.other_case_id!);
  return caseMatch(r.kind, r.distance, ref, ref.visible ? r.category : null);
}

/** Hits in hash sets and in every case, as this actor may see them; audited as one lookup. */
async function runLookup(
  d: LookupDeps,
  actor: Actor,
  query: { q: Hashes; pdqs: string[]; radius: number },
  described: Record<string, unknown>,
) {
  const { q, pdqs, radius } = query;
  await d.indexes.ready();
  const setHits = await findSetHits(d.pool, d.indexes, { ...q, pdqs }, actor.unitId, radius);
  const exactBlob = q.sha256 ?? (q.md5 || q.sha1 ? await blobsRepo(d.pool).shaByDigest(q.md5, q.sha1) : null);
  const caseHits = [
    ...(await findCaseHits(d.pool, d.indexes, { sha256: exactBlob, id: null, pdqs }, null, radius)),
    ...(await videoFrameHits(d.pool, pdqs, exactBlob, radius)),
  ];
  const refOf = d.disclosure.forActor(actor);
  const matches: Match[] = setHits.map(setHitMatch);
  for (const h of caseHits) {
    const ref = await refOf(h.caseId);
    const media = ref.visible ? await matchesRepo(d.pool).caseMedia(h.caseId, h.sha256) : null;
    matches.push(caseMatch(h.kind, h.distance, ref, media?.category ?? null));
  }
  const result = hideInvisible(matches);
  await d.audit.record(actor, {
    action: 'lookup',
    targetType: 'lookup',
    details: {
      ...described,
      radius,
      hits: result.length,
      cases: result.filter((m) => m.case).map((m) => m.case!.number),
    },
  });
  return result;
}

/** The image's PDQ, and its dihedral variants when usable; an image that does not decode is looked up by digest. */
async function imagePdq(image: Buffer, maxImagePixels: number) {
  let pdqs: string[] = [];
  let pdq: string | null = null;
  let quality: number | null = null;
  try {
    const analysed = await analyseImage(image, { limitInputPixels: maxImagePixels });
    pdq = analysed.pdq;
    quality = analysed.pdqQuality;
    if (pdqSignal.usable(analysed.pdq, analysed.pdqQuality)) pdqs = analysed.pdqDihedral;
    // A padded or framed query also finds the bare picture, through its trimmed-border PDQ.
    if (analysed.pdqTrimmed) pdqs = [...pdqs, ...analysed.pdqTrimmed.dihedral];
  } catch (error) {
    if (!(error instanceof ImageDecodeError)) throw error;
  }
  return { pdqs, pdq, quality };
}

export function lookupService(
  pool: Pool,
  boss: PgBoss,
  indexes: PdqIndexes,
  cases: CasesService,
  audit: AuditService,
  disclosure: Disclosure,
) {
  const d: LookupDeps = { pool, indexes, audit, disclosure };

  return {
    async byHash(actor: Actor, query: LookupQuery) {
      const q = normalise(query);
      const radius = query.radius ?? PDQ_NEAR_RADIUS;
      checkRadius(radius);
      return { query: q, matches: await runLookup(d, actor, { q, pdqs: q.pdq ? [q.pdq] : [], radius }, { query: q }) };
    },

    /** Hashes the image exactly as ingest does; the image itself is not stored. */
    async byImage(actor: Actor, image: Buffer, radius = PDQ_NEAR_RADIUS, maxImagePixels = 268_402_689) {
      checkRadius(radius);
      const digests = hashBuffer(image);
      const { pdqs, pdq, quality } = await imagePdq(image, maxImagePixels);
      const q = { md5: digests.md5, sha1: digests.sha1, sha256: digests.sha256, pdq };
      const described = { image: { sha256: digests.sha256, size: digests.size } };
      return {
        query: { ...q, pdqQuality: quality },
        matches: await runLookup(d, actor, { q, pdqs, radius }, described),
      };
    },

    /** On demand: match the whole case again against today's hash sets and cases. */
    async rematchCase(actor: Actor, caseRef: { id?: string; number?: string }): Promise<{ queued: number }> {
      const c = await cases.open(actor, caseRef, 'write');
      const queued = await inTransaction(pool, async (tx) => {
        await matchesRepo(tx).lockCase(c.id);
        return matchesRepo(tx).unstampCase(c.id);
      });
      await enqueue(boss, 'case.match', { caseId: c.id });
      await audit.record(actor, {
        action: 'case.rematch',
        targetType: 'case',
        targetId: c.number,
        caseId: c.id,
        details: { blobs: queued },
      });
      return { queued };
    },

    /** The matches of one piece of content in a case the user may open (detail panel); audited as a link view. */
    async forMedia(actor: Actor, caseId: string, sha256: string): Promise<Match[]> {
      const c = await cases.open(actor, { id: caseId });
      const rows = await matchesRepo(pool).forBlob(c.id, sha256);
      const out: Match[] = [];
      const refOf = disclosure.forActor(actor);
      for (const r of rows as MatchRow[]) out.push(await storedMatch(r, refOf));
      await audit.record(actor, {
        action: 'links.view',
        targetType: 'media',
        targetId: sha256,
        caseId: c.id,
        details: { matches: out.length },
      });
      return hideInvisible(out);
    },
  };
}
