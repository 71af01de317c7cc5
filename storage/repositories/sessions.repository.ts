import { exec, one, type Queryable } from '../db.ts';

const sql = {
  insert: 'INSERT INTO sessions (token_hash, user_id, expires_at, ip) VALUES ($1, $2, $3, $4)',
  userIdForToken: 'SELECT user_id FROM sessions WHERE token_hash = $1 AND expires_at > now()',
  delete: 'DELETE FROM sessions WHERE token_hash = $1',
  deleteForUser: 'DELETE FROM sessions WHERE user_id = $1',
  deleteExpired: 'DELETE FROM sessions WHERE expires_at <= now()',
  recordFailure: 'INSERT INTO login_failures (username, ip) VALUES ($1, $2)',
  failuresForUser: "SELECT count(*)::int AS n, max(at) AS last FROM login_failures WHERE username = $1 AND at > now() - make_interval(mins => $2)",
  failuresForIp: "SELECT count(*)::int AS n, max(at) AS last FROM login_failures WHERE ip = $1 AND at > now() - make_interval(mins => $2)",
  clearFailures: 'DELETE FROM login_failures WHERE username = $1',
};

export type FailureCount = { n: number; last: Date | null };

export const sessionsRepo = (db: Queryable) => ({
  insert: (tokenHash: string, userId: string, expiresAt: Date, ip: string | null) => exec(db, sql.insert, [tokenHash, userId, expiresAt, ip]),
  userIdForToken: async (tokenHash: string) => (await one<{ user_id: string }>(db, sql.userIdForToken, [tokenHash]))?.user_id ?? null,
  delete: (tokenHash: string) => exec(db, sql.delete, [tokenHash]),
  deleteForUser: (userId: string) => exec(db, sql.deleteForUser, [userId]),
  deleteExpired: () => exec(db, sql.deleteExpired),
  recordFailure: (username: string, ip: string) => exec(db, sql.recordFailure, [username, ip]),
  failuresForUser: async (username: string, minutes: number) => (await one<FailureCount>(db, sql.failuresForUser, [username, minutes]))!,
  failuresForIp: async (ip: string, minutes: number) => (await one<FailureCount>(db, sql.failuresForIp, [ip, minutes]))!,
  clearFailures: (username: string) => exec(db, sql.clearFailures, [username]),
});
