// Evidence (uploaded exports): row → API shape.
import type { EvidenceRow } from '../../storage/repositories/evidence.repository.ts';

export const presentEvidence = (e: EvidenceRow) => ({
  id: e.id,
  caseId: e.case_id,
  originalName: e.original_name,
  kind: e.kind,
  sha256: e.sha256,
  size: e.size,
  uploadedBy: e.uploaded_by_name,
  uploadedAt: e.uploaded_at.toISOString(),
  status: e.status,
  error: e.error,
  unpackedAt: e.unpacked_at?.toISOString() ?? null,
  summary: e.summary,
  pausedReason: e.paused_reason,
});
