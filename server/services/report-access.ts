// Need-to-know for meldingen, in one rule: the receiving unit's frontoffice and leads, and administrators.
// For everyone else a melding does not exist (404); disclosure.ts shows them at most that a hit exists.
import { NotYours } from '../errors.ts';
import type { Actor } from './actor.ts';

export function mayOpenReport(actor: Actor, unitId: number): boolean {
  if (actor.role === 'admin') return true;
  return (actor.role === 'frontoffice' || actor.role === 'lead') && actor.unitId === unitId;
}

/** The one answer for a melding that is missing or not the actor's: its existence is need-to-know. */
export const reportNotFound = () =>
  new NotYours({
    nl:
      'Melding niet gevonden, of u hebt er geen toegang toe. Controleer het nummer; meldingen zijn alleen ' +
      'zichtbaar voor de frontoffice en teamleiders van de eenheid die ze ontving.',
    en:
      'Melding not found, or not yours to open. Check the number; meldingen are visible only to the frontoffice ' +
      'and leads of the unit that received them.',
  });
