import { exec, many, one, type Queryable } from '../db.ts';

export type CaseStatus = 'open' | 'closed' | 'archived';
export type CaseRow = {
  id: string;
  number: string;
  title: string;
  unit_id: number;
  unit_name: string;
  status: CaseStatus;
  created_by: string | null;
  created_at: Date;
  updated_at: Date;
};
export type MemberRow = {
  user_id: string;
  username: string;
  display_name: string;
  role: string;
  unit_name: string;
  added_at: Date;
};

const CASE_COLUMNS =
  'c.id, c.number, c.title, c.unit_id, un.name AS unit_name, c.status, c.created_by, c.created_at, c.updated_at';

const sql = {
  insert: 'INSERT INTO cases (number, title, unit_id, created_by) VALUES ($1, $2, $3, $4) RETURNING id',
  byId: `SELECT ${CASE_COLUMNS} FROM cases c JOIN units un ON un.id = c.unit_id WHERE c.id = $1`,
  byNumber: `SELECT ${CASE_COLUMNS} FROM cases c JOIN units un ON un.id = c.unit_id WHERE c.number = $1`,
  listAll: `SELECT ${CASE_COLUMNS} FROM cases c JOIN units un ON un.id = c.unit_id ORDER BY c.created_at DESC`,
  // Visible: member of the case, or lead of the owning unit.
  listVisible: `SELECT ${CASE_COLUMNS} FROM cases c JOIN units un ON un.id = c.unit_id
    WHERE EXISTS (SELECT 1 FROM case_members m WHERE m.case_id = c.id AND m.user_id = $1)
       OR ($2::text = 'lead' AND c.unit_id = $3)
    ORDER BY c.created_at DESC`,
  update: `UPDATE cases SET title = coalesce($2, title), status = coalesce($3, status), updated_at = now() WHERE id = $1`,
  isMember: 'SELECT 1 AS x FROM case_members WHERE case_id = $1 AND user_id = $2',
  members: `SELECT m.user_id, u.username, u.display_name, u.role, un.name AS unit_name, m.added_at
    FROM case_members m JOIN users u ON u.id = m.user_id JOIN units un ON un.id = u.unit_id
    WHERE m.case_id = $1 ORDER BY u.username`,
  addMember: 'INSERT INTO case_members (case_id, user_id, added_by) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING',
  removeMember: 'DELETE FROM case_members WHERE case_id = $1 AND user_id = $2',
  // Locks the case row first, so two removals cannot both see the other member still there.
  lockCaseRow: 'SELECT id FROM cases WHERE id = $1 FOR UPDATE',
  memberIds: 'SELECT user_id FROM case_members WHERE case_id = $1',
};

export const casesRepo = (db: Queryable) => ({
  insert: async (c: { number: string; title: string; unitId: number; createdBy: string | null }) =>
    (await one<{ id: string }>(db, sql.insert, [c.number, c.title, c.unitId, c.createdBy]))!.id,
  byId: (id: string) => one<CaseRow>(db, sql.byId, [id]),
  byNumber: (number: string) => one<CaseRow>(db, sql.byNumber, [number]),
  listAll: () => many<CaseRow>(db, sql.listAll),
  listVisible: (userId: string, role: string, unitId: number) =>
    many<CaseRow>(db, sql.listVisible, [userId, role, unitId]),
  update: (id: string, patch: { title?: string; status?: CaseStatus }) =>
    exec(db, sql.update, [id, patch.title ?? null, patch.status ?? null]),
  isMember: async (caseId: string, userId: string) => (await one(db, sql.isMember, [caseId, userId])) !== null,
  members: (caseId: string) => many<MemberRow>(db, sql.members, [caseId]),
  addMember: (caseId: string, userId: string, addedBy: string | null) =>
    exec(db, sql.addMember, [caseId, userId, addedBy]),
  removeMember: (caseId: string, userId: string) => exec(db, sql.removeMember, [caseId, userId]),
  /** The member ids, with the case locked until the transaction ends (use inside one). */
  lockMembers: async (caseId: string) => {
    await exec(db, sql.lockCaseRow, [caseId]);
    return (await many<{ user_id: string }>(db, sql.memberIds, [caseId])).map((r) => r.user_id);
  },
});
