// Incremental near-duplicate grouping: connected components over PDQ distance, oldest id as group id.
import { describe, expect, it } from 'vitest';
import { NearGrouping, type GroupMember } from '../../../workers/ingest/near-grouping.ts';

let seed = 7;
const random = () => (seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32;
const randomHash = () => Array.from({ length: 64 }, () => Math.floor(random() * 16).toString(16)).join('');

/** The same hash with `bits` distinct bits flipped. */
function flip(hex: string, bits: number): string {
  const nibbles = hex.split('').map((c) => parseInt(c, 16));
  const chosen = new Set<number>();
  while (chosen.size < bits) chosen.add(Math.floor(random() * 256));
  for (const bit of chosen) nibbles[bit >> 2]! ^= 1 << (bit & 3);
  return nibbles.map((n) => n.toString(16)).join('');
}

const blob = (id: number, pdq: string): GroupMember => ({ id, sha256: `s${id}`, hashes: [pdq] });

/** One grouping run; each new blob is queried with its own hash (the dihedral cases are in dihedral-grouping). */
function run(eligible: GroupMember[], memberships = new Map<string, number | null>()) {
  const grouping = new NearGrouping(eligible, memberships, 31);
  for (const id of grouping.fresh) grouping.link(id, eligible.find((b) => b.id === id)!.hashes);
  return grouping.changes();
}

describe('near-duplicate grouping', () => {
  it('groups copies within the radius under the oldest id and leaves strangers alone', () => {
    const a = randomHash();
    const b = randomHash();
    const changes = run([blob(3, flip(a, 10)), blob(1, a), blob(2, flip(a, 25)), blob(4, b)]);
    expect(new Map(changes.map((c) => [c.sha256, c.groupId]))).toEqual(
      new Map([
        ['s1', 1],
        ['s2', 1],
        ['s3', 1],
        ['s4', null],
      ]),
    );
  });

  it('links through a chain: A~B and B~C group together although A and C are farther apart', () => {
    const a = randomHash();
    const b = flip(a, 20);
    const c = flip(b, 20);
    const changes = run([blob(1, a), blob(2, b), blob(3, c)]);
    expect(changes.map((x) => x.groupId)).toEqual([1, 1, 1]);
  });

  it('does not group at distance 32, one past the radius', () => {
    const a = randomHash();
    expect(run([blob(1, a), blob(2, flip(a, 32))]).map((x) => x.groupId)).toEqual([null, null]);
  });

  it('writes nothing when no blob is new', () => {
    const a = randomHash();
    const memberships = new Map<string, number | null>([
      ['s1', 1],
      ['s2', 1],
    ]);
    expect(run([blob(1, a), blob(2, flip(a, 3))], memberships)).toEqual([]);
  });

  it('merges two existing groups bridged by a new blob into the older group id', () => {
    const a = randomHash();
    const bridge = flip(a, 20);
    const b = flip(bridge, 20);
    const memberships = new Map<string, number | null>([
      ['s1', null],
      ['s5', null],
    ]);
    const changes = run([blob(1, a), blob(5, b), blob(9, bridge)], memberships);
    expect(new Map(changes.map((c) => [c.sha256, c.groupId]))).toEqual(
      new Map([
        ['s1', 1],
        ['s5', 1],
        ['s9', 1],
      ]),
    );
  });

  it('adds a new copy to an existing group without rewriting its members', () => {
    const a = randomHash();
    const memberships = new Map<string, number | null>([
      ['s1', 1],
      ['s2', 1],
    ]);
    const changes = run([blob(1, a), blob(2, flip(a, 5)), blob(7, flip(a, 9))], memberships);
    expect(changes).toEqual([{ sha256: 's7', groupId: 1 }]);
  });
});
