// Incremental near-duplicate grouping for one case: connected components over PDQ distance.
// Only blobs not yet grouped are queried, against an exact MIH index of every eligible blob
// in the case, so the work per run is (new blobs × one MIH query), never all pairs.
import { exactIndexFor } from '../matching/index-for.ts';

export type GroupInput = {
  eligible: Array<{ id: number; sha256: string; pdq: string }>;
  /** Current membership rows: group id, or null for a blob grouped alone. */
  memberships: Map<string, number | null>;
  radius: number;
};

export type GroupChange = { sha256: string; groupId: number | null };

class UnionFind {
  private readonly parent = new Map<number, number>();
  find(x: number): number {
    let root = x;
    while (this.parent.has(root) && this.parent.get(root) !== root) root = this.parent.get(root)!;
    let node = x;
    while (node !== root) {
      const next = this.parent.get(node) ?? root;
      this.parent.set(node, root);
      node = next;
    }
    return root;
  }
  union(a: number, b: number): void {
    const ra = this.find(a);
    const rb = this.find(b);
    // The smaller id becomes the root, so a group's id is the id of its oldest blob.
    if (ra !== rb) this.parent.set(Math.max(ra, rb), Math.min(ra, rb));
  }
}

/** Returns the membership rows to write: every new blob, and existing blobs whose group id changed. */
export function computeNearGroups(input: GroupInput): GroupChange[] {
  const { eligible, memberships, radius } = input;
  const fresh = eligible.filter((b) => !memberships.has(b.sha256));
  if (fresh.length === 0) return [];
  const index = exactIndexFor(eligible.length);
  index.bulkLoad(
    eligible.map((b) => b.id),
    eligible.map((b) => b.pdq),
  );
  const uf = new UnionFind();
  const idOf = new Map(eligible.map((b) => [b.sha256, b.id]));
  // Existing groups are components already: link each member to its group's id.
  for (const [sha, group] of memberships) {
    const id = idOf.get(sha);
    if (id !== undefined && group !== null) uf.union(id, group);
  }
  const linked = new Set<number>();
  for (const blob of fresh) {
    for (const match of index.query(blob.pdq, radius)) {
      if (match.id === blob.id) continue;
      uf.union(blob.id, match.id);
      linked.add(blob.id).add(match.id);
    }
  }
  const changes: GroupChange[] = [];
  for (const blob of eligible) {
    const previous = memberships.get(blob.sha256);
    const inGroup = linked.has(blob.id) || (previous !== undefined && previous !== null);
    const groupId = inGroup ? uf.find(blob.id) : null;
    if (previous === undefined || previous !== groupId) changes.push({ sha256: blob.sha256, groupId });
  }
  return changes;
}
