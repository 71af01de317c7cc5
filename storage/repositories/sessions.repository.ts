import { exec, one, type Queryable } from '../db.ts';

const sql = {
  insert: 'INSERT INTO sessions (token_hash, user_id, expires_at, ip) VALUES ($1, $2, $3, $4)',
  userIdForToken: 'SELECT user_id FROM sessions WHERE token_hash = $1 AND expires_at > now()',
  delete: 'DELETE FROM sessions WHERE token_hash = $1',
  deleteForUser: 'DELETE FROM sessions WHERE user_id = $1',
  deleteOthersOfUser: 'DELETE FROM sessions WHERE user_id = $1 AND token_hash <> $2',
  deleteExpired: 'DELETE FROM sessions WHERE expires_at <= now()',
};

export const sessionsRepo = (db: Queryable) => ({
  insert: (tokenHash: string, userId: string, expiresAt: Date, ip: string | null) =>
    exec(db, sql.insert, [tokenHash, userId, expiresAt, ip]),
  userIdForToken: async (tokenHash: string) =>
    (await one<{ user_id: string }>(db, sql.userIdForToken, [tokenHash]))?.user_id ?? null,
  delete: (tokenHash: string) => exec(db, sql.delete, [tokenHash]),
  deleteForUser: (userId: string) => exec(db, sql.deleteForUser, [userId]),
  /** Ends every other session of the user, e.g. after a password change. */
  deleteOthersOfUser: (userId: string, keepTokenHash: string) =>
    exec(db, sql.deleteOthersOfUser, [userId, keepTokenHash]),
  deleteExpired: () => exec(db, sql.deleteExpired),
});
