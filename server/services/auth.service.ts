// Sign-in, sessions and login throttling (per account and per IP, counted in the database so
// that every API process sees the same failures).
import { createHash, randomBytes } from 'node:crypto';
import type { Pool } from '../../storage/db.ts';
import { sessionsRepo } from '../../storage/repositories/sessions.repository.ts';
import { usersRepo, type UserRow } from '../../storage/repositories/users.repository.ts';
import type { Config } from '../config.ts';
import { TooManyRequests, Unauthorized } from '../errors.ts';
import { verifyPassword } from '../security/password.ts';
import type { AuditService } from './audit.service.ts';

const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

// A fixed scrypt hash so unknown usernames cost as much time as known ones.
const DUMMY_HASH = 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';

export function authService(pool: Pool, config: Config, audit: AuditService) {
  const sessions = sessionsRepo(pool);
  const users = usersRepo(pool);
  const { maxFailuresPerAccount, maxFailuresPerIp, windowMinutes } = config.throttle;

  async function assertNotThrottled(username: string, ip: string): Promise<void> {
    const [byUser, byIp] = await Promise.all([sessions.failuresForUser(username, windowMinutes), sessions.failuresForIp(ip, windowMinutes)]);
    if (byUser.n >= maxFailuresPerAccount || byIp.n >= maxFailuresPerIp) {
      await audit.record({ id: null, username, role: 'analyst', unitId: 0, ip }, { action: 'auth.login.throttled', targetType: 'user', targetId: username });
      throw new TooManyRequests(`Too many failed sign-in attempts. Wait ${windowMinutes} minutes and try again, or ask an administrator to reset your password.`, windowMinutes * 60);
    }
  }

  return {
    async login(username: string, password: string, ip: string): Promise<{ token: string; user: UserRow; expiresAt: Date }> {
      const name = username.trim().toLowerCase();
      await assertNotThrottled(name, ip);
      const user = await users.byUsername(name);
      const ok = await verifyPassword(password, user?.password_hash ?? DUMMY_HASH);
      if (!user || !ok || user.disabled) {
        await sessions.recordFailure(name, ip);
        await audit.record({ id: user?.id ?? null, username: name, role: user?.role ?? 'analyst', unitId: user?.unit_id ?? 0, ip },
          { action: 'auth.login.failed', targetType: 'user', targetId: name, details: { reason: !user ? 'unknown user' : user.disabled ? 'account disabled' : 'wrong password' } });
        throw new Unauthorized('Username or password is incorrect. Check both and try again.');
      }
      const token = randomBytes(32).toString('base64url');
      const expiresAt = new Date(Date.now() + config.sessionHours * 3600_000);
      await sessions.insert(tokenHash(token), user.id, expiresAt, ip);
      await sessions.clearFailures(name);
      await audit.record({ id: user.id, username: user.username, role: user.role, unitId: user.unit_id, ip }, { action: 'auth.login', targetType: 'user', targetId: user.username });
      return { token, user, expiresAt };
    },

    async logout(token: string, user: UserRow | null, ip: string): Promise<void> {
      await sessions.delete(tokenHash(token));
      if (user) await audit.record({ id: user.id, username: user.username, role: user.role, unitId: user.unit_id, ip }, { action: 'auth.logout', targetType: 'user', targetId: user.username });
    },

    async userForToken(token: string): Promise<UserRow | null> {
      const userId = await sessions.userIdForToken(tokenHash(token));
      if (!userId) return null;
      const user = await users.byId(userId);
      return user && !user.disabled ? user : null;
    },
  };
}

export type AuthService = ReturnType<typeof authService>;
