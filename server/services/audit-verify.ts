// `spoor audit verify`: walks the whole chain in id order and holds it against every signed checkpoint, so a
// rewritten entry, a re-chained tail, a shortened log or a tampered checkpoint file is reported.
import { entryHash, GENESIS_HASH, KEYED, keyedEntryHash, UNKEYED } from '../../storage/audit-chain.ts';
import { readCheckpoints, type Checkpoint, type CheckpointFault } from '../../storage/audit-checkpoints.ts';
import type { AuditKey } from '../../storage/audit-key.ts';
import type { Pool } from '../../storage/db.ts';
import { auditRepo, type AuditRow } from '../../storage/repositories/audit.repository.ts';

export type VerifyResult = {
  ok: boolean;
  entries: number;
  firstBrokenId: number | null;
  reason: string | null;
  /** Signed checkpoints held against the chain, and when the newest was written. */
  checkpoints: number;
  lastCheckpointAt: string | null;
};

type Reason = { nl: string; en: string };
type Broken = { id: number | null; reason: Reason };

const ASK = {
  nl: 'Meld dit aan de beheerder en de functionaris gegevensbescherming.',
  en: 'Report this to the administrator and the data protection officer.',
};
const say = (nl: string, en: string): Reason => ({ nl: `${nl} ${ASK.nl}`, en: `${en} ${ASK.en}` });

// Every way the log or its checkpoints can disagree, Dutch first; each says what it means.
const reasons = {
  link: () =>
    say(
      'De prev_hash past niet bij de hash van de regel ervoor: ' + 'een eerdere regel is verwijderd of gewijzigd.',
      'prev_hash does not match the hash of the entry before it: an entry before it was removed or changed.',
    ),
  downgrade: () =>
    say(
      'Regel zonder sleutel na regels met sleutel: de log is herschreven zonder de sleutel.',
      'Unkeyed entry after keyed ones: the log was rewritten without the key.',
    ),
  altered: () =>
    say('De inhoud past niet bij de hash: de regel is gewijzigd.', 'Content does not match its hash (entry altered).'),
  keyedAltered: () =>
    say(
      'De inhoud past niet bij de hash met sleutel: ' + 'de regel is gewijzigd of herberekend zonder de sleutel.',
      'Content does not match its keyed hash (entry altered, or re-chained without the key).',
    ),
  scheme: (scheme: string) => say(`Onbekend hash-schema "${scheme}".`, `Unknown hash scheme "${scheme}".`),
  otherEntryKey: (found: string | null, configured: string): Reason => ({
    nl:
      `De regel is gehasht met een andere audit-sleutel (${found}) dan de ingestelde (${configured}). ` +
      'Stel de juiste sleutel in (SPOOR_AUDIT_KEY of SPOOR_AUDIT_KEY_FILE); is dat al zo, dan is de regel vervalst.',
    en:
      `The entry was hashed with another audit key (${found}) than the configured one (${configured}). ` +
      'Configure the right key (SPOOR_AUDIT_KEY or SPOOR_AUDIT_KEY_FILE); if it already is, the entry was forged.',
  }),
  rechained: (at: string) =>
    say(
      `De regel verschilt van het checkpoint van ${at}: de log is herschreven en opnieuw geketend.`,
      `The entry differs from the checkpoint of ${at}: the log was rewritten and re-chained.`,
    ),
  recounted: (entries: number, cp: Checkpoint) =>
    say(
      `Tot hier ${entries} regels, maar het checkpoint van ${cp.at} telde er ${cp.count}: er zijn regels verwijderd.`,
      `${entries} entries up to here, but the checkpoint of ${cp.at} counted ${cp.count}: entries were removed.`,
    ),
  truncated: (cp: Checkpoint) =>
    say(
      `Regel ${cp.id}, vastgelegd in het checkpoint van ${cp.at}, ontbreekt: de log is ingekort.`,
      `Entry ${cp.id}, recorded in the checkpoint of ${cp.at}, is missing: the log was truncated.`,
    ),
  disagree: (a: Checkpoint, b: Checkpoint) =>
    say(
      `De checkpoints van ${a.at} en ${b.at} verschillen over regel ${b.id}: de log is tussendoor herschreven.`,
      `The checkpoints of ${a.at} and ${b.at} disagree about entry ${b.id}: the log was rewritten in between.`,
    ),
  noFile: () =>
    say(
      'Het checkpointbestand ontbreekt of is leeg, terwijl de log regels met sleutel bevat: ' +
        'het is verwijderd of verplaatst. Zet het terug (SPOOR_AUDIT_CHECKPOINT_FILE).',
      'The checkpoint file is missing or empty although the log holds keyed entries: it was deleted or moved. ' +
        'Restore it (SPOOR_AUDIT_CHECKPOINT_FILE).',
    ),
  lateFile: (first: number, keyed: number) =>
    say(
      `Het checkpointbestand begint pas bij regel ${first}, na de eerste regel met sleutel (${keyed}): ` +
        'eerdere checkpoints ontbreken (bestand vervangen).',
      `The checkpoint file starts at entry ${first}, after the first keyed entry (${keyed}): ` +
        'earlier checkpoints are missing (file replaced).',
    ),
  otherFileKey: (f: CheckpointFault): Reason => ({
    nl:
      `Het checkpoint op regel ${f.line} is ondertekend met een andere sleutel (${f.keyId}). ` +
      'Stel de audit-sleutel in die bij deze checkpoints hoort (SPOOR_AUDIT_KEY of SPOOR_AUDIT_KEY_FILE); ' +
      'is dat al zo, dan is het bestand vervalst.',
    en:
      `The checkpoint on line ${f.line} is signed with another key (${f.keyId}). Configure the audit key these ` +
      'checkpoints belong to (SPOOR_AUDIT_KEY or SPOOR_AUDIT_KEY_FILE); if it already is, the file was forged.',
  }),
  badLine: (f: CheckpointFault) => {
    const what = {
      unreadable: ['is geen checkpoint', 'is not a checkpoint'],
      unsigned: ['heeft geen handtekening', 'is unsigned'],
      'bad-signature': ['heeft een ongeldige handtekening', 'has an invalid signature'],
      'other-key': ['', ''],
    }[f.kind];
    return say(
      `Het checkpointbestand is gewijzigd: regel ${f.line} ${what[0]}.`,
      `The checkpoint file was altered: line ${f.line} ${what[1]}.`,
    );
  },
};

/** Checks one entry's link and hash; after `keyedFrom` (the first checkpoint) only keyed entries may exist. */
function checkEntry(
  key: AuditKey,
  row: AuditRow,
  prev: string,
  keyedSeen: boolean,
  keyedFrom: number | null,
): Reason | null {
  if (row.prev_hash !== prev) return reasons.link();
  if (row.scheme === UNKEYED) {
    if (keyedSeen || (keyedFrom !== null && row.id > keyedFrom)) return reasons.downgrade();
    return entryHash(prev, row) === row.hash ? null : reasons.altered();
  }
  if (row.scheme !== KEYED) return reasons.scheme(row.scheme);
  if (keyedEntryHash(key, prev, row) === row.hash) return null;
  return row.key_id !== key.id ? reasons.otherEntryKey(row.key_id, key.id) : reasons.keyedAltered();
}

function checkAgainst(cp: Checkpoint, row: AuditRow, entries: number): Reason | null {
  if (cp.hash !== row.hash) return reasons.rechained(cp.at);
  return cp.count !== entries ? reasons.recounted(entries, cp) : null;
}

const missingEntry = (cp: Checkpoint): Broken => ({ id: cp.id, reason: reasons.truncated(cp) });

/** Same id, different head: the log changed between two checkpoints. */
function conflicting(cps: Checkpoint[]): Broken | null {
  const seen = new Map<number, Checkpoint>();
  for (const cp of cps) {
    const before = seen.get(cp.id);
    if (before && (before.hash !== cp.hash || before.count !== cp.count)) {
      return { id: cp.id, reason: reasons.disagree(before, cp) };
    }
    if (!before) seen.set(cp.id, cp);
  }
  return null;
}

type Walk = { entries: number; firstKeyedId: number | null; broken: Broken | null };

async function walkChain(pool: Pool, key: AuditKey, cps: Checkpoint[], keyedFrom: number | null): Promise<Walk> {
  const repo = auditRepo(pool);
  const anchors = cps.filter((c) => c.id > 0).sort((a, b) => a.id - b.id);
  const walk: Walk = { entries: 0, firstKeyedId: null, broken: null };
  const brokenAt = (id: number, reason: Reason | null) => (reason ? { ...walk, broken: { id, reason } } : null);
  let prev = GENESIS_HASH;
  let next = 0;
  for (let after = 0; ;) {
    const page = await repo.pageAfter(after, 5000);
    if (page.length === 0) break;
    for (const row of page) {
      if (anchors[next] && anchors[next]!.id < row.id) return { ...walk, broken: missingEntry(anchors[next]!) };
      const bad = brokenAt(row.id, checkEntry(key, row, prev, walk.firstKeyedId !== null, keyedFrom));
      if (bad) return bad;
      if (row.scheme === KEYED) walk.firstKeyedId ??= row.id;
      walk.entries += 1;
      for (; anchors[next]?.id === row.id; next += 1) {
        const disagrees = brokenAt(row.id, checkAgainst(anchors[next]!, row, walk.entries));
        if (disagrees) return disagrees;
      }
      prev = row.hash;
    }
    after = page[page.length - 1]!.id;
  }
  return anchors[next] ? { ...walk, broken: missingEntry(anchors[next]!) } : walk;
}

/** A checkpoint file must exist, and must have begun before the first keyed entry was written. */
function fileProblem(missing: boolean, firstCheckpointId: number | null, firstKeyedId: number | null): Broken | null {
  if (firstKeyedId === null) return null;
  if (missing || firstCheckpointId === null) return { id: null, reason: reasons.noFile() };
  if (firstCheckpointId < firstKeyedId) return null;
  return { id: null, reason: reasons.lateFile(firstCheckpointId, firstKeyedId) };
}

export async function verifyAuditLog(
  pool: Pool,
  key: AuditKey,
  file: string,
  lang: 'nl' | 'en',
): Promise<VerifyResult> {
  const set = await readCheckpoints(file, key);
  const cps = set.checkpoints;
  const firstCheckpointId = cps.reduce<number | null>((min, c) => (min === null || c.id < min ? c.id : min), null);
  const lastAt = cps.reduce<string | null>((max, c) => (max === null || c.at > max ? c.at : max), null);
  const result = (entries: number, broken: Broken | null): VerifyResult => ({
    ok: broken === null,
    entries,
    firstBrokenId: broken?.id ?? null,
    reason: broken ? broken.reason[lang] : null,
    checkpoints: cps.length,
    lastCheckpointAt: lastAt,
  });
  const fault = set.faults[0];
  if (fault) {
    const reason = fault.kind === 'other-key' ? reasons.otherFileKey(fault) : reasons.badLine(fault);
    return result(0, { id: null, reason });
  }
  const disagreement = conflicting(cps);
  if (disagreement) return result(0, disagreement);
  const walk = await walkChain(pool, key, cps, firstCheckpointId);
  return result(walk.entries, walk.broken ?? fileProblem(set.missing, firstCheckpointId, walk.firstKeyedId));
}
