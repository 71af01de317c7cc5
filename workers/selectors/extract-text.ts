// Selectors in the free text of a melding (Dutch or English): type, canonical value, the surface as
// written, offsets, whose it is (role), the platform of a handle and when an IP address was seen.
import type { Candidate } from './candidate.ts';
import { findCandidates } from './find-all.ts';
import { assignRoles, type RoleOptions } from './roles.ts';
import { seenAtByIndex } from './seen-at.ts';
import type { TextOccurrence } from './types.ts';

/** Candidates with roles and times attached; surfaces come from `surfaceText` (OCR shows its line breaks). */
export function toOccurrences(
  text: string,
  found: readonly Candidate[],
  options: RoleOptions,
  surfaceText = text,
): TextOccurrence[] {
  const ordered = [...found].sort((a, b) => a.start - b.start);
  const seenAt = seenAtByIndex(text, ordered);
  return assignRoles(text, ordered, options).map((c, index) => ({
    type: c.type,
    value: c.value,
    surface: surfaceText.slice(c.start, c.end),
    start: c.start,
    end: c.end,
    role: c.role,
    platform: c.platform,
    seenAt: seenAt.get(index) ?? null,
    repaired: c.repaired,
  }));
}

/** Every selector occurrence in a melding's text, in text order. */
export function extractFromText(text: string): TextOccurrence[] {
  return toOccurrences(text, findCandidates(text, { ocr: false }), { firstPerson: true });
}
