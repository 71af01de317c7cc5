// The grouping kept between runs gives, batch after batch, exactly the memberships that rereading the whole case
// and grouping it with NearGrouping gives (the former route); and a state is trusted only for its own signature.
import { describe, expect, it } from 'vitest';
import { CaseGroupState, CaseGroupStates } from '../../../workers/ingest/case-group-state.ts';
import { NearGrouping, type GroupMember } from '../../../workers/ingest/near-grouping.ts';

const RADIUS = 31;

function rng(seed: number) {
  let s = seed >>> 0 || 1;
  return () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
}

const randomHash = (r: () => number) => Array.from({ length: 64 }, () => Math.floor(r() * 16).toString(16)).join('');

/** `bits` random bits of the hash flipped. */
function near(hash: string, bits: number, r: () => number): string {
  const nibbles = [...hash].map((c) => parseInt(c, 16));
  for (let i = 0; i < bits; i++) nibbles[Math.floor(r() * 64)] ^= 1 << Math.floor(r() * 4);
  return nibbles.map((n) => n.toString(16)).join('');
}

/** A stand-in for the dihedral variants: the hash itself, and its hex reversed (a "mirrored" copy stores that). */
const variantsOf = (m: GroupMember) => m.hashes.flatMap((h) => [h, [...h].reverse().join('')]);

/** Families of near hashes (some stored mirrored, some with a second, trimmed hash), shuffled into arrival order. */
function blobs(seed: number, families: number): GroupMember[] {
  const r = rng(seed);
  const out: Array<Omit<GroupMember, 'id'>> = [];
  for (let f = 0; f < families; f++) {
    const base = randomHash(r);
    const size = 1 + Math.floor(r() * 4);
    for (let k = 0; k < size; k++) {
      const copy = near(base, Math.floor(r() * 12), r);
      const stored = r() < 0.3 ? [...copy].reverse().join('') : copy;
      out.push({ sha256: `f${f}-${k}`, hashes: r() < 0.2 ? [randomHash(r), stored] : [stored] });
    }
  }
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  // Ids are not in arrival order either: content processed late may have an older (smaller) id.
  const ids = out.map((_, i) => i + 1).sort(() => r() - 0.5);
  return out.map((b, i) => ({ ...b, id: ids[i]! }));
}

describe('CaseGroupState', () => {
  it('matches a whole-case regrouping after every batch, merges included', () => {
    for (const seed of [1, 2, 3]) {
      const all = blobs(seed, 120);
      const memberships = new Map<string, number | null>();
      const state = new CaseGroupState();
      let relabelled = 0; // older members moved to another group id: merges, or a smaller id joining
      for (let start = 0; start < all.length; start += 7) {
        const batch = all.slice(start, start + 7);
        // The former route: every member so far, the current memberships, the new ones linked.
        const grouping = new NearGrouping(all.slice(0, start + 7), memberships, RADIUS);
        for (const m of batch) grouping.link(m.id, variantsOf(m));
        const expected = new Map(grouping.changes().map((c) => [c.sha256, c.groupId]));
        const actual = new Map(
          state
            .link(
              batch.map((m) => ({ ...m, variants: variantsOf(m) })),
              RADIUS,
            )
            .map((c) => [c.sha256, c.groupId]),
        );
        expect(actual).toEqual(expected);
        for (const sha of expected.keys()) if (memberships.has(sha)) relabelled++;
        for (const [sha, group] of expected) memberships.set(sha, group);
      }
      const groups = new Set([...memberships.values()].filter((g) => g !== null));
      expect(groups.size).toBeGreaterThan(20);
      expect(relabelled).toBeGreaterThan(0);
    }
  });

  it('continues from memberships read back from the database', () => {
    const all = blobs(9, 60);
    const half = all.length / 2;
    const memberships = new Map<string, number | null>();
    const first = new NearGrouping(all.slice(0, half), memberships, RADIUS);
    for (const m of all.slice(0, half)) first.link(m.id, variantsOf(m));
    for (const c of first.changes()) memberships.set(c.sha256, c.groupId);
    const state = new CaseGroupState();
    for (const m of all.slice(0, half)) state.addMember(m, memberships.get(m.sha256)!);
    const rest = all.slice(half);
    const grouping = new NearGrouping(all, memberships, RADIUS);
    for (const m of rest) grouping.link(m.id, variantsOf(m));
    const changes = state.link(
      rest.map((m) => ({ ...m, variants: variantsOf(m) })),
      RADIUS,
    );
    expect(new Map(changes.map((c) => [c.sha256, c.groupId]))).toEqual(
      new Map(grouping.changes().map((c) => [c.sha256, c.groupId])),
    );
  });
});

describe('CaseGroupStates', () => {
  it('hands a state back only for the signature it was kept with, and keeps only the last few cases', () => {
    const states = new CaseGroupStates(2, 60_000);
    const a = new CaseGroupState();
    states.keep('a', a, '3/t1');
    expect(states.valid('a', '3/t1')).toBe(a);
    states.resign('a', '5/t2');
    expect(states.valid('a', '5/t2')).toBe(a);
    expect(states.valid('a', '6/t3')).toBeNull(); // someone else wrote: dropped
    expect(states.valid('a', '5/t2')).toBeNull();
    states.keep('b', new CaseGroupState(), 's');
    states.keep('c', new CaseGroupState(), 's');
    states.keep('d', new CaseGroupState(), 's');
    expect(states.valid('b', 's')).toBeNull();
    expect(states.valid('d', 's')).not.toBeNull();
    states.keep('e', new CaseGroupState(), 's', Date.now() - 61_000);
    expect(states.valid('e', 's')).toBeNull(); // too old
  });
});
