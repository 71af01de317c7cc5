// Connected components of meldingen joined by links: the clusters. Union-find over the links it is given, so the
// caller decides the scope (one cluster, or the carriers of one selector), never all pairs of all meldingen.

/** Groups `nodes` (and the ends of `links`) by the links among them: largest group first, each sorted. */
export function components<T extends string>(nodes: Iterable<T>, links: Iterable<readonly [T, T]>): T[][] {
  const parent = new Map<T, T>();
  const find = (x: T): T => {
    let root = x;
    while (parent.get(root) !== root) root = parent.get(root)!;
    // Path compression: later finds are one step.
    for (let at = x; at !== root;) {
      const up = parent.get(at)!;
      parent.set(at, root);
      at = up;
    }
    return root;
  };
  const add = (x: T) => {
    if (!parent.has(x)) parent.set(x, x);
  };
  for (const n of nodes) add(n);
  for (const [a, b] of links) {
    add(a);
    add(b);
    const [ra, rb] = [find(a), find(b)];
    if (ra !== rb) parent.set(ra < rb ? rb : ra, ra < rb ? ra : rb);
  }
  const groups = new Map<T, T[]>();
  for (const n of parent.keys()) {
    const root = find(n);
    const group = groups.get(root);
    if (group) group.push(n);
    else groups.set(root, [n]);
  }
  const sorted = [...groups.values()].map((g) => g.sort());
  return sorted.sort((x, y) => y.length - x.length || (x[0]! < y[0]! ? -1 : 1));
}

/**
 * How a melding's links change cluster ids: the oldest (lowest) cluster among the linked meldingen survives, the
 * others are merged into it; with no cluster yet a new one is made. Meldingen without a cluster join the survivor.
 */
export function mergePlan(clusterIds: ReadonlyArray<number | null>): { survivor: number | null; absorbed: number[] } {
  const ids = [...new Set(clusterIds.filter((c): c is number => c !== null))].sort((a, b) => a - b);
  return { survivor: ids[0] ?? null, absorbed: ids.slice(1) };
}

/**
 * A cluster that lost links (a hub, a public selector, a re-read melding) may fall apart: the largest part keeps
 * the cluster's id, other parts of two or more get new clusters, and a melding left alone belongs to none.
 */
export function splitPlan<T extends string>(
  members: readonly T[],
  links: Iterable<readonly [T, T]>,
): { keep: T[]; apart: T[][]; alone: T[] } {
  const [keep = [], ...rest] = components(members, links);
  if (keep.length < 2) return { keep: [], apart: [], alone: [...members] };
  return { keep, apart: rest.filter((g) => g.length > 1), alone: rest.filter((g) => g.length === 1).flat() };
}
