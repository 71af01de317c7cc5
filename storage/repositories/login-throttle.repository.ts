// Sign-in failures and the addresses each account signed in from (the throttle: server/security/login-throttle.ts).
import { exec, one, type Queryable } from '../db.ts';

const sql = {
  // Serialises the check-and-record per account, then per address (always in this order, so no deadlock).
  lockAccount: 'SELECT pg_advisory_xact_lock(727003, hashtext($1))',
  lockIp: 'SELECT pg_advisory_xact_lock(727004, hashtext($1))',
  stats: `WITH pair AS (
      SELECT count(*)::int AS n, max(at) AS last FROM login_failures
      WHERE username = $1 AND ip = $2 AND at > now() - make_interval(hours => $3)),
    by_ip AS (
      SELECT count(*)::int AS n, max(at) AS last FROM login_failures
      WHERE ip = $2 AND NOT trusted AND at > now() - make_interval(mins => $4)),
    by_account AS (
      SELECT count(*)::int AS n, max(at) AS last FROM login_failures
      WHERE username = $1 AND NOT trusted AND at > now() - make_interval(mins => $4))
    SELECT now() AS now,
      EXISTS (SELECT 1 FROM login_sources s JOIN users u ON u.id = s.user_id
              WHERE u.username = $1 AND s.ip = $2 AND s.last_success_at > now() - make_interval(days => $5)) AS trusted,
      pair.n AS pair_n, pair.last AS pair_last, by_ip.n AS ip_n, by_ip.last AS ip_last,
      by_account.n AS account_n, by_account.last AS account_last
    FROM pair, by_ip, by_account`,
  recordAttempt: 'INSERT INTO login_failures (username, ip, trusted) VALUES ($1, $2, $3) RETURNING id',
  forgetPair: 'DELETE FROM login_failures WHERE username = $1 AND ip = $2',
  rememberSource: `INSERT INTO login_sources (user_id, ip) VALUES ($1, $2)
    ON CONFLICT (user_id, ip) DO UPDATE SET last_success_at = now()`,
  pruneOlderThan: 'DELETE FROM login_failures WHERE at < now() - make_interval(hours => $1)',
};

export type ThrottleStatsRow = {
  now: Date;
  trusted: boolean;
  pair_n: number;
  pair_last: Date | null;
  ip_n: number;
  ip_last: Date | null;
  account_n: number;
  account_last: Date | null;
};

export type StatsWindows = { pairHours: number; windowMinutes: number; trustedDays: number };

export const loginThrottleRepo = (db: Queryable) => ({
  lockAccount: (username: string) => db.query(sql.lockAccount, [username]),
  lockIp: (ip: string) => db.query(sql.lockIp, [ip]),
  stats: async (username: string, ip: string, w: StatsWindows) =>
    (await one<ThrottleStatsRow>(db, sql.stats, [username, ip, w.pairHours, w.windowMinutes, w.trustedDays]))!,
  /** An attempt counts as a failure from the moment it is let through; a success takes it back. */
  recordAttempt: async (username: string, ip: string, trusted: boolean) =>
    (await one<{ id: number }>(db, sql.recordAttempt, [username, ip, trusted]))!.id,
  forgetPair: (username: string, ip: string) => exec(db, sql.forgetPair, [username, ip]),
  rememberSource: (userId: string, ip: string) => exec(db, sql.rememberSource, [userId, ip]),
  pruneOlderThan: (hours: number) => exec(db, sql.pruneOlderThan, [hours]),
});
