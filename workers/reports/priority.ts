// The priority of a signal: which series the frontoffice looks at first. An integer, higher first.

/** Meldingen received within this many days of today count as recent. */
const RECENT_DAYS = 180;

export type ClusterFacts = {
  /** Any melding in the cluster with a minor victim. */
  minorVictim: boolean;
  reports: number;
  units: number;
  /** Meldingen received within RECENT_DAYS. */
  recent: number;
};

/**
 * priority = 50·[minor victim] + 10·min(meldingen, 20) + 20·min(units − 1, 10) + 5·min(recent meldingen, 20).
 * A minor victim weighs as much as five more meldingen; every further unit as two; the caps keep one very large
 * series from burying a fresh one with a child as victim. Range 20 (two old adult meldingen of one unit) to 550.
 */
export function signalPriority(f: ClusterFacts): number {
  const cap = (n: number, max: number) => Math.max(0, Math.min(n, max));
  return (f.minorVictim ? 50 : 0) + 10 * cap(f.reports, 20) + 20 * cap(f.units - 1, 10) + 5 * cap(f.recent, 20);
}

/** True when a melding received on `received` (YYYY-MM-DD) is within RECENT_DAYS of `today` (YYYY-MM-DD). */
export function isRecent(received: string, today: string): boolean {
  const days = (Date.parse(`${today}T00:00:00Z`) - Date.parse(`${received}T00:00:00Z`)) / 86_400_000;
  return days <= RECENT_DAYS;
}
