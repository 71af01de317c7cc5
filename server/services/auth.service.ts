// Sign-in, sessions, self-service password change, and sign-in throttling by exponential delay (see
// server/security/login-throttle.ts for why an attacker elsewhere cannot lock anyone out). Counted in the
// database, so every API process sees the same failures.
import { createHash, randomBytes } from 'node:crypto';
import { inTransaction, type Pool, type Queryable } from '../../storage/db.ts';
import { loginThrottleRepo, type ThrottleStatsRow } from '../../storage/repositories/login-throttle.repository.ts';
import { sessionsRepo } from '../../storage/repositories/sessions.repository.ts';
import { usersRepo, type UserRow } from '../../storage/repositories/users.repository.ts';
import type { Config } from '../config.ts';
import { BadInput, TooManyRequests, Unauthorized } from '../errors.ts';
import {
  PAIR_MEMORY_HOURS,
  TRUSTED_SOURCE_DAYS,
  waitFor,
  type FailureStats,
  type ThrottleScope,
} from '../security/login-throttle.ts';
import { hashPassword, verifyPassword } from '../security/password.ts';
import { assertPasswordPolicy } from '../security/password-policy.ts';
import type { Actor } from './actor.ts';
import type { AuditService } from './audit.service.ts';

const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

// A fixed scrypt hash so unknown usernames cost as much time as known ones.
const DUMMY_HASH = 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';

const statsOf = (r: ThrottleStatsRow): FailureStats => ({
  now: r.now,
  trusted: r.trusted,
  pair: { n: r.pair_n, last: r.pair_last },
  ip: { n: r.ip_n, last: r.ip_last },
  account: { n: r.account_n, last: r.account_last },
});

const actorFor = (user: UserRow, ip: string): Actor => ({
  id: user.id,
  username: user.username,
  role: user.role,
  unitId: user.unit_id,
  ip,
});

function throttleMessage(scope: ThrottleScope, seconds: number) {
  const nl = seconds >= 120 ? `${Math.ceil(seconds / 60)} minuten` : `${seconds} seconden`;
  const en = seconds >= 120 ? `${Math.ceil(seconds / 60)} minutes` : `${seconds} seconds`;
  if (scope === 'account') {
    return {
      nl:
        `Dit account krijgt veel mislukte inlogpogingen van elders. Wacht ${nl} en probeer het opnieuw; ` +
        'vanaf een adres waar u eerder inlogde, hoeft u niet te wachten.',
      en:
        `This account is getting many failed sign-in attempts from elsewhere. Wait ${en} and try again; ` +
        'from an address where you signed in before, there is no wait.',
    };
  }
  const what =
    scope === 'pair'
      ? { nl: 'voor dit account vanaf dit adres', en: 'for this account from this address' }
      : { nl: 'vanaf dit adres', en: 'from this address' };
  return {
    nl:
      `Te veel mislukte inlogpogingen ${what.nl}. Wacht ${nl} en probeer het opnieuw, ` +
      'of vraag een beheerder uw wachtwoord te resetten.',
    en:
      `Too many failed sign-in attempts ${what.en}. Wait ${en} and try again, ` +
      'or ask an administrator to reset your password.',
  };
}

const WRONG_CURRENT = {
  nl: 'Het huidige wachtwoord klopt niet. Typ het opnieuw; weet u het niet meer, vraag een beheerder het te resetten.',
  en: 'The current password is not correct. Type it again; if you no longer know it, ask an administrator to reset it.',
};
const SAME_AS_CURRENT = {
  nl: 'Het nieuwe wachtwoord is gelijk aan het huidige. Kies een ander wachtwoord.',
  en: 'The new password is the same as the current one. Choose a different password.',
};

type PasswordChange = { currentPassword: string; newPassword: string };

const WRONG_LOGIN = {
  nl: 'Gebruikersnaam of wachtwoord klopt niet. Controleer beide en probeer het opnieuw.',
  en: 'Username or password is incorrect. Check both and try again.',
};

type AuthDeps = { pool: Pool; config: Config; audit: AuditService };

/** Lets an attempt through, counting it as a failure until it succeeds, or throws 429 with how long to wait. */
async function admitAttempt(d: AuthDeps, username: string, ip: string, action: string): Promise<void> {
  const windows = {
    pairHours: PAIR_MEMORY_HOURS,
    windowMinutes: d.config.throttle.windowMinutes,
    trustedDays: TRUSTED_SOURCE_DAYS,
  };
  const wait = await inTransaction(d.pool, async (tx) => {
    const repo = loginThrottleRepo(tx);
    await repo.lockAccount(username);
    await repo.lockIp(ip);
    const stats = await repo.stats(username, ip, windows);
    const waiting = waitFor(statsOf(stats), d.config.throttle);
    if (!waiting) {
      await repo.recordAttempt(username, ip, stats.trusted);
      await repo.pruneOlderThan(PAIR_MEMORY_HOURS);
    }
    return waiting;
  });
  if (!wait) return;
  const details = { scope: wait.scope, retryAfterSeconds: wait.seconds };
  const nobody = { id: null, username, role: 'analyst', unitId: 0, ip } as const;
  await d.audit.record(nobody, { action, targetType: 'user', targetId: username, details });
  throw new TooManyRequests(throttleMessage(wait.scope, wait.seconds), wait.seconds);
}

/** The attempt was right: take back its failure and those before it from this address, and trust the address. */
async function forgiveAttempts(db: Queryable, user: UserRow, ip: string): Promise<void> {
  await loginThrottleRepo(db).forgetPair(user.username, ip);
  await loginThrottleRepo(db).rememberSource(user.id, ip);
}

/** A new session for a user whose password was right; the sign-in is audited in the same transaction. */
async function openSession(d: AuthDeps, user: UserRow, ip: string) {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(Date.now() + d.config.sessionHours * 3600_000);
  await inTransaction(d.pool, async (tx) => {
    await sessionsRepo(tx).insert(tokenHash(token), user.id, expiresAt, ip);
    await forgiveAttempts(tx, user, ip);
    await d.audit.record(
      actorFor(user, ip),
      {
        action: 'auth.login',
        targetType: 'user',
        targetId: user.username,
        details: user.must_change_password ? { mustChangePassword: true } : {},
      },
      tx,
    );
  });
  return { token, user, expiresAt };
}

export function authService(pool: Pool, config: Config, audit: AuditService) {
  const sessions = sessionsRepo(pool);
  const users = usersRepo(pool);
  const d: AuthDeps = { pool, config, audit };

  return {
    async login(username: string, password: string, ip: string) {
      const name = username.trim().toLowerCase();
      await admitAttempt(d, name, ip, 'auth.login.throttled');
      const user = await users.byUsername(name);
      const ok = await verifyPassword(password, user?.password_hash ?? DUMMY_HASH);
      if (!user || !ok || user.disabled) {
        const reason = !user ? 'unknown user' : user.disabled ? 'account disabled' : 'wrong password';
        const unknown = { id: null, username: name, role: 'analyst', unitId: 0, ip } as const;
        const event = { action: 'auth.login.failed', targetType: 'user', targetId: name, details: { reason } };
        await audit.record(user ? actorFor(user, ip) : unknown, event);
        throw new Unauthorized(WRONG_LOGIN);
      }
      return openSession(d, user, ip);
    },

    /** The signed-in user replaces their password; their other sessions end. Throttled like a sign-in. */
    async changePassword(user: UserRow, token: string, input: PasswordChange, ip: string): Promise<UserRow> {
      await admitAttempt(d, user.username, ip, 'user.password_change.throttled');
      const target = { targetType: 'user', targetId: user.username };
      if (!(await verifyPassword(input.currentPassword, user.password_hash))) {
        await audit.record(actorFor(user, ip), { action: 'user.password_change.failed', ...target });
        throw new BadInput(WRONG_CURRENT);
      }
      await loginThrottleRepo(pool).forgetPair(user.username, ip);
      if (input.newPassword === input.currentPassword) throw new BadInput(SAME_AS_CURRENT);
      assertPasswordPolicy(input.newPassword, [user.username, user.display_name]);
      const hash = await hashPassword(input.newPassword);
      await inTransaction(pool, async (tx) => {
        await usersRepo(tx).setPassword(user.username, hash, false);
        await sessionsRepo(tx).deleteOthersOfUser(user.id, tokenHash(token));
        await audit.record(
          actorFor(user, ip),
          { action: 'user.password_change', ...target, details: { wasOneTime: user.must_change_password } },
          tx,
        );
      });
      return (await users.byId(user.id))!;
    },

    async logout(token: string, user: UserRow | null, ip: string): Promise<void> {
      await sessions.delete(tokenHash(token));
      if (!user) return;
      await audit.record(actorFor(user, ip), { action: 'auth.logout', targetType: 'user', targetId: user.username });
    },

    async userForToken(token: string): Promise<UserRow | null> {
      const userId = await sessions.userIdForToken(tokenHash(token));
      if (!userId) return null;
      const user = await users.byId(userId);
      return user && !user.disabled ? user : null;
    },
  };
}
