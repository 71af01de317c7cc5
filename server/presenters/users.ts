// Users and accounts: row → API shape, shared by the routes and the CLI.
import type { UserRow } from '../../storage/repositories/users.repository.ts';

export const presentUser = (u: UserRow) => ({
  id: u.id,
  username: u.username,
  displayName: u.display_name,
  contact: u.contact,
  unit: u.unit_name,
  unitId: u.unit_id,
  role: u.role,
  disabled: u.disabled,
  settings: u.settings ?? {},
  mustChangePassword: u.must_change_password,
});
