// Sign-in throttling as exponential delays, never a hard lock. Pure: the counts come from the database.
//
// Why it cannot be turned into a lock-out: the long delay (up to maxDelaySeconds) counts failures per
// (account, source address) pair, so only attempts from the same address slow an account down there. The
// per-address delay (password spraying) and a mild, capped account-wide delay (guessing from many addresses)
// count only "untrusted" failures (from an address where that account has not signed in before) and apply
// only to untrusted attempts: the holder signing in from their usual address is never slowed by others.

export type ThrottlePolicy = {
  freeFailures: number;
  freeFailuresPerIp: number;
  windowMinutes: number;
  maxDelaySeconds: number;
  maxAccountDelaySeconds: number;
};

type FailureCount = { n: number; last: Date | null };
export type FailureStats = { now: Date; trusted: boolean; pair: FailureCount; ip: FailureCount; account: FailureCount };
export type ThrottleScope = 'pair' | 'ip' | 'account';
export type Wait = { seconds: number; scope: ThrottleScope } | null;

/** Failures of a pair are remembered until it signs in, or for a day. */
export const PAIR_MEMORY_HOURS = 24;
/** An address where the account signed in within this many days counts as the holder's own. */
export const TRUSTED_SOURCE_DAYS = 90;

/** The delay after `n` consecutive failures: none for the first `free`, then 1 s, 2 s, 4 s … up to `cap`. */
export function delayAfter(n: number, free: number, cap: number): number {
  if (n < free) return 0;
  return Math.min(cap, 2 ** Math.min(n - free, 30));
}

function remaining(count: FailureCount, delaySeconds: number, now: Date): number {
  if (!count.last || delaySeconds === 0) return 0;
  return Math.max(0, (count.last.getTime() + delaySeconds * 1000 - now.getTime()) / 1000);
}

/** How long this attempt must wait, and which counter says so; null when it may go ahead now. */
export function waitFor(stats: FailureStats, policy: ThrottlePolicy): Wait {
  const wait = (scope: ThrottleScope, count: FailureCount, free: number, cap: number) => ({
    scope,
    seconds: remaining(count, delayAfter(count.n, free, cap), stats.now),
  });
  const waits = [wait('pair', stats.pair, policy.freeFailures, policy.maxDelaySeconds)];
  if (!stats.trusted) {
    waits.push(wait('ip', stats.ip, policy.freeFailuresPerIp, policy.maxDelaySeconds));
    waits.push(wait('account', stats.account, policy.freeFailures, policy.maxAccountDelaySeconds));
  }
  const longest = waits.reduce((a, b) => (b.seconds > a.seconds ? b : a));
  return longest.seconds > 0 ? { seconds: Math.ceil(longest.seconds), scope: longest.scope } : null;
}
