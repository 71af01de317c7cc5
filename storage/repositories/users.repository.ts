import { exec, many, one, type Queryable } from '../db.ts';

export type Role = 'admin' | 'lead' | 'analyst' | 'prosecutor' | 'frontoffice';
export type UnitRow = { id: number; code: string; name: string };
export type UserRow = {
  id: string;
  username: string;
  display_name: string;
  contact: string | null;
  unit_id: number;
  unit_name: string;
  role: Role;
  password_hash: string;
  disabled: boolean;
  settings: Record<string, unknown>;
  created_at: Date;
  must_change_password: boolean;
};

const USER_COLUMNS = `u.id, u.username, u.display_name, u.contact, u.unit_id, un.name AS unit_name, u.role,
  u.password_hash, u.disabled, u.settings, u.created_at, u.must_change_password`;

const sql = {
  units: 'SELECT id, code, name FROM units ORDER BY id',
  unitByName: 'SELECT id, code, name FROM units WHERE lower(name) = lower($1) OR lower(code) = lower($1)',
  byUsername: `SELECT ${USER_COLUMNS} FROM users u JOIN units un ON un.id = u.unit_id WHERE u.username = $1`,
  byId: `SELECT ${USER_COLUMNS} FROM users u JOIN units un ON un.id = u.unit_id WHERE u.id = $1`,
  list: `SELECT ${USER_COLUMNS} FROM users u JOIN units un ON un.id = u.unit_id ORDER BY u.username`,
  insert: `INSERT INTO users (username, display_name, contact, unit_id, role, password_hash, must_change_password)
           VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
  setDisabled: 'UPDATE users SET disabled = $2 WHERE username = $1',
  setPassword: `UPDATE users SET password_hash = $2, must_change_password = $3, password_changed_at = now()
                WHERE username = $1`,
  settingsForUpdate: 'SELECT settings FROM users WHERE id = $1 FOR UPDATE',
  setSettings: 'UPDATE users SET settings = $2 WHERE id = $1',
  countAdmins: "SELECT count(*)::int AS n FROM users WHERE role = 'admin' AND NOT disabled",
  unitContact: `SELECT coalesce(u.contact, u.display_name) AS contact FROM users u
                WHERE u.unit_id = $1 AND u.role = 'lead' AND NOT u.disabled ORDER BY u.created_at LIMIT 1`,
};

export const usersRepo = (db: Queryable) => ({
  units: () => many<UnitRow>(db, sql.units),
  unitByName: (name: string) => one<UnitRow>(db, sql.unitByName, [name]),
  byUsername: (username: string) => one<UserRow>(db, sql.byUsername, [username]),
  byId: (id: string) => one<UserRow>(db, sql.byId, [id]),
  list: () => many<UserRow>(db, sql.list),
  insert: async (u: {
    username: string;
    displayName: string;
    contact: string | null;
    unitId: number;
    role: Role;
    passwordHash: string;
    mustChangePassword: boolean;
  }) =>
    (await one<{ id: string }>(db, sql.insert, [
      u.username,
      u.displayName,
      u.contact,
      u.unitId,
      u.role,
      u.passwordHash,
      u.mustChangePassword,
    ]))!.id,
  setDisabled: (username: string, disabled: boolean) => exec(db, sql.setDisabled, [username, disabled]),
  /** `mustChange`: a one-time password (generated, or set by an administrator) that its holder must replace. */
  setPassword: (username: string, hash: string, mustChange: boolean) =>
    exec(db, sql.setPassword, [username, hash, mustChange]),
  /** The user's settings, locked until the transaction ends (use inside one). */
  settingsForUpdate: async (id: string) =>
    (await one<{ settings: Record<string, unknown> }>(db, sql.settingsForUpdate, [id]))?.settings ?? null,
  setSettings: (id: string, settings: Record<string, unknown>) => exec(db, sql.setSettings, [id, settings]),
  countActiveAdmins: async () => (await one<{ n: number }>(db, sql.countAdmins))!.n,
  /** Whom another unit calls about a hit in this unit: its first active lead. */
  unitContact: async (unitId: number) =>
    (await one<{ contact: string }>(db, sql.unitContact, [unitId]))?.contact ?? null,
});
