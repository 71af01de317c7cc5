// Cases and their members: row → API shape, shared by the routes and the CLI.
import type { CaseRow, MemberRow } from '../../storage/repositories/cases.repository.ts';

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
