// Audit-log entries: row → API shape.
import type { AuditRow } from '../../storage/repositories/audit.repository.ts';

export const presentAuditEntry = (r: AuditRow) => ({
  id: r.id,
  at: r.at.toISOString(),
  actor: r.actor_name,
  action: r.action,
  targetType: r.target_type,
  targetId: r.target_id,
  caseId: r.case_id,
  details: r.details,
  hash: r.hash,
});
