// Victims, series, clue notes and suggestions: row → API shape. A suggestion shows its source case whole only to
// a recipient who may open it; otherwise number, unit and contact, never its label, description or content.
import type { ClueNoteRow } from '../../storage/repositories/clue-notes.repository.ts';
import type { SubjectRow } from '../../storage/repositories/subjects.repository.ts';
import type { SuggestionRow } from '../../storage/repositories/suggestions.repository.ts';
import type { ClueNote, Subject, Suggestion } from '../schemas/subjects.ts';
import type { OwnerRef } from '../services/disclosure.ts';

export const presentSubject = (r: SubjectRow): Subject => ({
  id: r.id,
  kind: r.kind,
  label: r.label,
  description: r.description,
  identified: r.identified,
  createdAt: r.created_at.toISOString(),
  media: r.shas,
});

export const presentClueNote = (r: ClueNoteRow): ClueNote => ({
  id: Number(r.id),
  sha256: r.blob_sha256,
  box: { x: r.x, y: r.y, w: r.w, h: r.h },
  text: r.text,
  createdBy: r.created_by_name,
  createdAt: r.created_at.toISOString(),
});

export const presentSuggestion = (r: SuggestionRow, owner: OwnerRef): Suggestion => ({
  id: Number(r.id),
  state: r.state,
  kind: r.kind,
  case: { id: r.target_case_id, number: r.target_number },
  source: {
    number: owner.number,
    unit: owner.unit,
    contact: owner.contact,
    visible: owner.visible,
    caseId: owner.visible ? r.source_case_id : null,
    label: owner.visible ? r.label : null,
    identified: owner.visible ? r.identified : null,
  },
  links: r.links.map((l) => ({
    sha256: owner.visible ? l.sha256 : null,
    otherSha256: l.otherSha256,
    kind: l.kind,
    distance: l.distance,
  })),
  linkCount: r.link_count,
  computedAt: r.computed_at.toISOString(),
  decidedAt: r.decided_at?.toISOString() ?? null,
});
