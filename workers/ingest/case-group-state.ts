// A case's near-duplicate grouping kept between runs, so the run after each batch of processed blobs reads and
// links only the batch's new blobs instead of rereading the whole case and rebuilding its index (at 10k contents
// that was two queries of 10k rows and an index build per batch of 8 blobs). Same rule and result as
// near-grouping.ts: every stored hash in one exact index, new blobs queried with their variants, connected
// components whose id is the smallest blob id. The state is trusted only while the case's membership signature is
// the one this process left (see group-case.ts); anything else rebuilds it from the database.
import { LinearIndex } from '../matching/linear-index.ts';
import { MihIndex } from '../matching/mih-index.ts';
import type { NearIndex } from '../matching/near-index.ts';
import { UnionFind, type GroupChange, type GroupMember } from './near-grouping.ts';

// Below this many hashes a linear scan beats 16 × 65,536-bucket tables (as in matching/index-for.ts).
const MIH_THRESHOLD = 20_000;

export type FreshMember = GroupMember & { variants: string[] };

export class CaseGroupState {
  private index: NearIndex = new LinearIndex();
  private readonly hashes: string[] = [];
  /** Index entry → blob id: a blob has one entry per stored hash. */
  private readonly owners: number[] = [];
  private readonly shaOf = new Map<number, string>();
  /** Blob id → its group id (null: grouped alone), and group id → its member ids. */
  private readonly groupOf = new Map<number, number | null>();
  private readonly membersOf = new Map<number, number[]>();

  /** A blob that has its membership row already. */
  addMember(m: GroupMember, groupId: number | null): void {
    this.addHashes(m);
    this.setGroup(m.id, groupId);
  }

  /** Links new blobs to every member (old or new) one of their variants is within `radius` of; the rows to write. */
  link(fresh: FreshMember[], radius: number): GroupChange[] {
    for (const f of fresh) this.addHashes(f);
    const uf = new UnionFind();
    const linked = new Set<number>();
    for (const f of fresh) {
      for (const variant of f.variants) {
        for (const match of this.index.query(variant, radius)) {
          const other = this.owners[match.id]!;
          if (other === f.id) continue;
          uf.union(f.id, other);
          linked.add(f.id).add(other);
        }
      }
    }
    // An old member brings its whole group; the group id is its smallest member's, so it stands for them all.
    const touched = new Set<number>();
    for (const id of linked) {
      const group = this.groupOf.get(id);
      if (group === undefined || group === null) continue;
      uf.union(id, group);
      touched.add(group);
    }
    const changes: Array<{ id: number; groupId: number | null }> = fresh.map((f) => ({
      id: f.id,
      groupId: linked.has(f.id) ? uf.find(f.id) : null,
    }));
    for (const id of linked) if (this.groupOf.get(id) === null) changes.push({ id, groupId: uf.find(id) });
    for (const group of touched) {
      const root = uf.find(group);
      if (root !== group) for (const id of this.membersOf.get(group) ?? []) changes.push({ id, groupId: root });
    }
    for (const c of changes) this.setGroup(c.id, c.groupId);
    return changes.map((c) => ({ sha256: this.shaOf.get(c.id)!, groupId: c.groupId }));
  }

  private addHashes(m: GroupMember): void {
    this.shaOf.set(m.id, m.sha256);
    for (const hash of m.hashes) {
      this.index.add(this.owners.length, hash);
      this.owners.push(m.id);
      this.hashes.push(hash);
    }
    if (this.index instanceof LinearIndex && this.hashes.length >= MIH_THRESHOLD) {
      this.index = new MihIndex();
      this.index.bulkLoad(
        this.owners.map((_, entry) => entry),
        this.hashes,
      );
    }
  }

  private setGroup(id: number, groupId: number | null): void {
    const previous = this.groupOf.get(id);
    if (previous !== undefined && previous !== null) {
      const rest = (this.membersOf.get(previous) ?? []).filter((m) => m !== id);
      if (rest.length > 0) this.membersOf.set(previous, rest);
      else this.membersOf.delete(previous);
    }
    this.groupOf.set(id, groupId);
    if (groupId !== null) this.membersOf.set(groupId, [...(this.membersOf.get(groupId) ?? []), id]);
  }
}

type Kept = { state: CaseGroupState; signature: string; at: number };

/** The states of the few cases this process grouped last, each valid for its membership signature. */
export class CaseGroupStates {
  private readonly kept = new Map<string, Kept>();
  constructor(
    private readonly maxCases = 4,
    private readonly maxAgeMs = 60_000,
  ) {}

  /** The case's state when the database still holds what this process wrote last (and it is not too old). */
  valid(caseId: string, signature: string): CaseGroupState | null {
    const kept = this.kept.get(caseId);
    if (!kept || kept.signature !== signature || Date.now() - kept.at > this.maxAgeMs) {
      this.kept.delete(caseId);
      return null;
    }
    return kept.state;
  }

  keep(caseId: string, state: CaseGroupState, signature: string, at = Date.now()): void {
    this.kept.delete(caseId);
    this.kept.set(caseId, { state, signature, at });
    // A Map iterates in insertion order: the first key is the case kept longest ago.
    if (this.kept.size > this.maxCases) this.kept.delete(this.kept.keys().next().value!);
  }

  /** After the case's state changed under this process's own write: the new signature, the same age. */
  resign(caseId: string, signature: string): void {
    const kept = this.kept.get(caseId);
    if (kept) kept.signature = signature;
  }
}
