// Signals, public selectors and hubs: row → API shape.
import type { HubRow } from '../../storage/repositories/hubs.repository.ts';
import type { PublicSelectorRow } from '../../storage/repositories/public-selectors.repository.ts';
import type { SignalRow } from '../../storage/repositories/signals.repository.ts';

export const presentSignal = (s: SignalRow) => ({
  id: Number(s.id),
  cluster: Number(s.current_cluster),
  unit: s.unit_name,
  raisedBy: s.raised_by_number,
  reasonCode: s.reason_code,
  reason: s.reason,
  priority: s.priority,
  state: s.state,
  assignee: s.assignee_name,
  note: s.note,
  createdAt: s.created_at.toISOString(),
  updatedAt: s.updated_at.toISOString(),
});

export const presentPublicSelector = (p: PublicSelectorRow) => ({
  type: p.type,
  value: p.value,
  note: p.note,
  addedBy: p.added_by_name,
  addedAt: p.added_at.toISOString(),
});

export const presentHub = (h: HubRow) => ({
  type: h.type,
  value: h.value,
  reports: h.reports,
  units: h.units,
  state: h.state,
  decidedBy: h.decided_by_name,
  decidedAt: h.decided_at?.toISOString() ?? null,
  createdAt: h.created_at.toISOString(),
});
