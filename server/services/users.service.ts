// User administration: create, list, disable, reset passwords; every change is audited.
import type { Pool } from '../../storage/db.ts';
import { inTransaction } from '../../storage/db.ts';
import { sessionsRepo } from '../../storage/repositories/sessions.repository.ts';
import { usersRepo, type Role, type UserRow } from '../../storage/repositories/users.repository.ts';
import { BadInput, Conflict, Forbidden, NotFound } from '../errors.ts';
import { generatePassword, hashPassword } from '../security/password.ts';
import { assertPasswordPolicy } from '../security/password-policy.ts';
import type { Actor } from './actor.ts';
import type { AuditService } from './audit.service.ts';

const ROLES: Role[] = ['admin', 'lead', 'analyst', 'prosecutor', 'frontoffice'];
const USERNAME = /^[a-z0-9][a-z0-9._-]{1,63}$/;

/** A generated password is one-time; a given one too when `oneTime` (an administrator chose it for someone else). */
export type NewUser = {
  username: string;
  unit: string;
  role: Role;
  displayName?: string;
  contact?: string | null;
  password?: string;
  oneTime?: boolean;
};

/** The settings whose values a patch changes, with their old and new values (for the audit entry). */
function settingsChanges(before: Record<string, unknown>, after: Record<string, unknown>) {
  const changed = Object.keys(after).filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
  return {
    old: Object.fromEntries(changed.map((k) => [k, before[k] ?? null])),
    new: Object.fromEntries(changed.map((k) => [k, after[k]])),
  };
}

function requireAdmin(actor: Actor): void {
  if (actor.role !== 'admin') throw new Forbidden('Only an administrator can manage accounts.');
}

/** The unit of that name, or a 400 that lists the units there are. */
async function unitNamed(pool: Pool, unit: string) {
  const repo = usersRepo(pool);
  const row = await repo.unitByName(unit);
  if (!row) {
    const names = (await repo.units()).map((u) => u.name).join(', ');
    throw new BadInput(`Unknown unit "${unit}". Use one of: ${names}.`);
  }
  return row;
}

async function createUser(
  pool: Pool,
  audit: AuditService,
  actor: Actor,
  input: NewUser,
): Promise<{ user: UserRow; password: string }> {
  const repo = usersRepo(pool);
  requireAdmin(actor);
  const username = input.username.trim().toLowerCase();
  if (!USERNAME.test(username))
    throw new BadInput('Username must be 2–64 characters: lower-case letters, digits, ".", "_" or "-".');
  if (!ROLES.includes(input.role)) throw new BadInput(`Role must be one of ${ROLES.join(', ')}.`);
  if (input.password !== undefined) assertPasswordPolicy(input.password, [username, input.displayName ?? '']);
  const unit = await unitNamed(pool, input.unit);
  if (await repo.byUsername(username))
    throw new Conflict(`User "${username}" already exists. Choose another username.`);
  const password = input.password ?? generatePassword();
  const passwordHash = await hashPassword(password);
  await inTransaction(pool, async (tx) => {
    const mustChangePassword = input.password === undefined || input.oneTime === true;
    await usersRepo(tx).insert({
      username,
      displayName: input.displayName ?? username,
      contact: input.contact ?? null,
      unitId: unit.id,
      role: input.role,
      passwordHash,
      mustChangePassword,
    });
    await audit.record(
      actor,
      {
        action: 'user.create',
        targetType: 'user',
        targetId: username,
        details: { unit: unit.name, role: input.role, oneTimePassword: mustChangePassword },
      },
      tx,
    );
  });
  return { user: (await repo.byUsername(username))!, password };
}

async function updateSettings(
  pool: Pool,
  audit: AuditService,
  actor: Actor,
  patch: Record<string, unknown>,
): Promise<void> {
  const userId = actor.id;
  if (!userId) throw new BadInput('The local CLI actor has no settings.');
  await inTransaction(pool, async (tx) => {
    const before = (await usersRepo(tx).settingsForUpdate(userId)) ?? {};
    const changes = settingsChanges(before, patch);
    if (Object.keys(changes.new).length === 0) return;
    await usersRepo(tx).setSettings(userId, { ...before, ...patch });
    const event = { action: 'user.settings', targetType: 'user', targetId: actor.username, details: changes };
    await audit.record(actor, event, tx);
  });
}

export function usersService(pool: Pool, audit: AuditService) {
  const repo = usersRepo(pool);

  return {
    units: () => repo.units(),
    findUnit: (unit: string) => unitNamed(pool, unit),
    list: async (actor: Actor) => {
      if (actor.role !== 'admin' && actor.role !== 'lead')
        throw new Forbidden('Only administrators and leads can list accounts.');
      return repo.list();
    },
    byUsername: (username: string) => repo.byUsername(username),

    /** Creates an account; returns the password (generated when none was given) so it can be handed over once. */
    create: (actor: Actor, input: NewUser) => createUser(pool, audit, actor, input),

    async setDisabled(actor: Actor, username: string, disabled: boolean): Promise<UserRow> {
      requireAdmin(actor);
      const user = await repo.byUsername(username);
      if (!user) throw new NotFound(`No user "${username}".`);
      if (disabled && user.role === 'admin' && (await repo.countActiveAdmins()) <= 1)
        throw new Conflict('This is the last active administrator; create another admin first.');
      await inTransaction(pool, async (tx) => {
        await usersRepo(tx).setDisabled(username, disabled);
        if (disabled) await sessionsRepo(tx).deleteForUser(user.id);
        await audit.record(
          actor,
          { action: disabled ? 'user.disable' : 'user.enable', targetType: 'user', targetId: username },
          tx,
        );
      });
      return (await repo.byUsername(username))!;
    },

    /** Sets a one-time password (generated unless given): the holder must choose their own at the next sign-in. */
    async resetPassword(actor: Actor, username: string, password?: string): Promise<string> {
      requireAdmin(actor);
      const user = await repo.byUsername(username);
      if (!user) throw new NotFound(`No user "${username}".`);
      if (password !== undefined) assertPasswordPolicy(password, [user.username, user.display_name]);
      const next = password ?? generatePassword();
      await inTransaction(pool, async (tx) => {
        await usersRepo(tx).setPassword(username, await hashPassword(next), true);
        await sessionsRepo(tx).deleteForUser(user.id);
        await audit.record(actor, { action: 'user.password_reset', targetType: 'user', targetId: username }, tx);
      });
      return next;
    },

    /** Merges a settings change into the user's settings; every change is audited with its old and new values. */
    updateSettings: (actor: Actor, patch: Record<string, unknown>) => updateSettings(pool, audit, actor, patch),
  };
}
