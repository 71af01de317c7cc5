// Row → API shape mappers shared by routes.
import type { CaseRow, MemberRow } from '../../storage/repositories/cases.repository.ts';
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

export const presentCase = (c: CaseRow & { access?: 'none' | 'read' | 'write' }) => ({
  id: c.id,
  number: c.number,
  title: c.title,
  unit: c.unit_name,
  unitId: c.unit_id,
  status: c.status,
  createdAt: c.created_at.toISOString(),
  updatedAt: c.updated_at.toISOString(),
  access: c.access === 'read' ? ('read' as const) : ('write' as const),
});

export const presentMember = (m: MemberRow) => ({
  username: m.username,
  displayName: m.display_name,
  role: m.role,
  unit: m.unit_name,
  addedAt: m.added_at.toISOString(),
});
