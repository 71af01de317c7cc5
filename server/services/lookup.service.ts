// "Has anyone seen this before?": one hash or one image against hash sets and every case.
// Hits in cases the user may not open reveal only the case number, unit, lead's contact and a count.
import type { PgBoss } from 'pg-boss';
import { inTransaction, type Pool } from '../../storage/db.ts';
import { enqueue } from '../../workers/jobs.ts';
import { casesRepo } from '../../storage/repositories/cases.repository.ts';
import { matchesRepo, type MatchRow } from '../../storage/repositories/matches.repository.ts';
import { analyseImage, ImageDecodeError } from '../../workers/imaging/analyse-image.ts';
import { hashBuffer } from '../../workers/hashing/multi-hash.ts';
import { MIN_PDQ_QUALITY, NEAR_RADIUS } from '../../workers/ingest/limits.ts';
import { findCaseHits, findSetHits } from '../../workers/matching/match-blob.ts';
import type { PdqIndexes } from '../../workers/matching/pdq-indexes.ts';
import { BadInput } from '../errors.ts';
import type { Actor } from './actor.ts';
import type { AuditService } from './audit.service.ts';
import type { CasesService } from './cases.service.ts';

export type LookupQuery = { md5?: string; sha1?: string; sha256?: string; pdq?: string; radius?: number };
export type CaseRef = { number: string; unit: string; visible: boolean; contact: string | null; matchCount?: number };
export type Match = {
  kind: 'exact' | 'near'; distance: number; source: 'hashset' | 'case'; hashSet: { name: string; version: string } | null;
  case: CaseRef | null; category: string | null; series: string | null; victimIdentified: boolean | null;
};

const HEX = { md5: /^[0-9a-f]{32}$/, sha1: /^[0-9a-f]{40}$/, sha256: /^[0-9a-f]{64}$/, pdq: /^[0-9a-f]{64}$/ };

function normalise(q: LookupQuery) {
  const out: Record<string, string | null> = { md5: null, sha1: null, sha256: null, pdq: null };
  for (const kind of ['md5', 'sha1', 'sha256', 'pdq'] as const) {
    const value = q[kind]?.trim().toLowerCase();
    if (!value) continue;
    if (!HEX[kind].test(value)) throw new BadInput(`${kind.toUpperCase()} must be ${kind === 'md5' ? 32 : kind === 'sha1' ? 40 : 64} hexadecimal characters.`);
    out[kind] = value;
  }
  if (!out.md5 && !out.sha1 && !out.sha256 && !out.pdq) throw new BadInput('Give a hash to look up: MD5, SHA-1, SHA-256 or PDQ, or an image.');
  return out as { md5: string | null; sha1: string | null; sha256: string | null; pdq: string | null };
}

export function lookupService(pool: Pool, boss: PgBoss, indexes: PdqIndexes, cases: CasesService, audit: AuditService) {
  const caseRepo = casesRepo(pool);

  /** One request's view of other cases: each case is resolved once, however many of its items match. */
  function caseRefs(actor: Actor): (caseId: string) => Promise<CaseRef> {
    const seen = new Map<string, Promise<CaseRef>>();
    return (caseId) => {
      let ref = seen.get(caseId);
      if (!ref) seen.set(caseId, (ref = caseRef(actor, caseId)));
      return ref.then((r) => ({ ...r }));
    };
  }

  /** What a user may see of another case: everything if they may open it, else number, unit and a contact. */
  async function caseRef(actor: Actor, caseId: string): Promise<CaseRef> {
    const c = (await caseRepo.byId(caseId))!;
    const visible = (await cases.accessTo(actor, c)) !== 'none';
    const { rows } = await pool.query<{ contact: string | null; name: string }>(
      `SELECT coalesce(u.contact, u.display_name) AS contact, u.username AS name FROM users u
       WHERE u.unit_id = $1 AND u.role = 'lead' AND NOT u.disabled ORDER BY u.created_at LIMIT 1`, [c.unit_id]);
    return { number: c.number, unit: c.unit_name, visible, contact: rows[0]?.contact ?? null };
  }

  /** Hidden cases collapse into one row per case with a count, so nothing about the content leaks. */
  function hideInvisible(matches: Match[]): Match[] {
    const visible = matches.filter((m) => m.source !== 'case' || m.case!.visible);
    const hidden = new Map<string, Match>();
    for (const m of matches.filter((x) => x.source === 'case' && !x.case!.visible)) {
      const prior = hidden.get(m.case!.number);
      if (prior) { prior.case!.matchCount! += 1; prior.distance = Math.min(prior.distance, m.distance); if (m.kind === 'exact') prior.kind = 'exact'; }
      else hidden.set(m.case!.number, { ...m, category: null, series: null, victimIdentified: null, case: { ...m.case!, matchCount: 1 } });
    }
    return [...visible, ...hidden.values()].sort((a, b) => a.distance - b.distance);
  }

  async function run(actor: Actor, q: ReturnType<typeof normalise>, pdqs: string[], radius: number, described: Record<string, unknown>) {
    await indexes.ready();
    const setHits = await findSetHits(pool, indexes, { ...q, pdqs }, actor.unitId, radius);
    const exactBlob = q.sha256 ?? (q.md5 || q.sha1 ? (await pool.query<{ sha256: string }>('SELECT sha256 FROM blobs WHERE md5 = $1 OR sha1 = $2 LIMIT 1', [q.md5, q.sha1])).rows[0]?.sha256 ?? null : null);
    const caseHits = await findCaseHits(pool, indexes, { sha256: exactBlob, id: null, pdqs }, null, radius);
    const refOf = caseRefs(actor);
    const matches: Match[] = setHits.map((h) => ({ kind: h.kind, distance: h.distance, source: 'hashset', hashSet: { name: h.set_name, version: h.set_version },
      case: null, category: h.category, series: h.series, victimIdentified: h.victim_identified }));
    for (const h of caseHits) {
      const ref = await refOf(h.caseId);
      const media = ref.visible ? await matchesRepo(pool).caseMedia(h.caseId, h.sha256) : null;
      matches.push({ kind: h.kind, distance: h.distance, source: 'case', hashSet: null, case: ref, category: media?.category ?? null, series: null, victimIdentified: null });
    }
    const result = hideInvisible(matches);
    await audit.record(actor, { action: 'lookup', targetType: 'lookup', details: { ...described, radius, hits: result.length, cases: result.filter((m) => m.case).map((m) => m.case!.number) } });
    return result;
  }

  return {
    async byHash(actor: Actor, query: LookupQuery) {
      const q = normalise(query);
      const radius = query.radius ?? NEAR_RADIUS;
      if (!Number.isInteger(radius) || radius < 0 || radius > NEAR_RADIUS) throw new BadInput(`Radius must be a whole number from 0 to ${NEAR_RADIUS}: wider searches would list unrelated cases.`);
      return { query: q, matches: await run(actor, q, q.pdq ? [q.pdq] : [], radius, { query: q }) };
    },

    /** Hashes the image exactly as ingest does; the image itself is not stored. */
    async byImage(actor: Actor, image: Buffer, radius = NEAR_RADIUS, maxImagePixels = 268_402_689) {
      if (!Number.isInteger(radius) || radius < 0 || radius > NEAR_RADIUS) throw new BadInput(`Radius must be a whole number from 0 to ${NEAR_RADIUS}: wider searches would list unrelated cases.`);
      const digests = hashBuffer(image);
      let pdqs: string[] = [];
      let pdq: string | null = null;
      let quality: number | null = null;
      try {
        const analysed = await analyseImage(image, { limitInputPixels: maxImagePixels });
        pdq = analysed.pdq;
        quality = analysed.pdqQuality;
        if (analysed.pdqQuality >= MIN_PDQ_QUALITY) pdqs = analysed.pdqDihedral;
      } catch (error) {
        if (!(error instanceof ImageDecodeError)) throw error;
      }
      const q = { md5: digests.md5, sha1: digests.sha1, sha256: digests.sha256, pdq };
      return { query: { ...q, pdqQuality: quality }, matches: await run(actor, q, pdqs, radius, { image: { sha256: digests.sha256, size: digests.size } }) };
    },

    /** On demand: match the whole case again against today's hash sets and cases. */
    async rematchCase(actor: Actor, caseRef: { id?: string; number?: string }): Promise<{ queued: number }> {
      const c = await cases.open(actor, caseRef, 'write');
      const queued = await inTransaction(pool, async (tx) => {
        await matchesRepo(tx).lockCase(c.id);
        return matchesRepo(tx).unstampCase(c.id);
      });
      await enqueue(boss, 'case.match', { caseId: c.id });
      await audit.record(actor, { action: 'case.rematch', targetType: 'case', targetId: c.number, caseId: c.id, details: { blobs: queued } });
      return { queued };
    },

    /** The matches of one piece of content in a case the user may open (detail panel); audited as a link view. */
    async forMedia(actor: Actor, caseId: string, sha256: string): Promise<Match[]> {
      const c = await cases.open(actor, { id: caseId });
      const rows = await matchesRepo(pool).forBlob(c.id, sha256);
      const out: Match[] = [];
      const refOf = caseRefs(actor);
      for (const r of rows as MatchRow[]) {
        if (r.target_type === 'hashset') {
          out.push({ kind: r.kind, distance: r.distance, source: 'hashset', hashSet: { name: r.set_name!, version: r.set_version! }, case: null, category: r.category, series: r.series, victimIdentified: r.victim_identified });
        } else {
          const ref = await refOf(r.other_case_id!);
          out.push({ kind: r.kind, distance: r.distance, source: 'case', hashSet: null, case: ref, category: ref.visible ? r.category : null, series: null, victimIdentified: null });
        }
      }
      await audit.record(actor, { action: 'links.view', targetType: 'media', targetId: sha256, caseId: c.id, details: { matches: out.length } });
      return hideInvisible(out);
    },
  };
}

export type LookupService = ReturnType<typeof lookupService>;
