// Hubs (after MISP's correlation limit): a value seen in many meldingen that nothing else ties together — a shop's
// number, a scam call centre, a platform's support address — is held for review instead of linking them all.
import { components } from './components.ts';

/** More than `reports` otherwise unlinked groups of meldingen, in more than `units` units: a hub. */
export type HubPolicy = { reports: number; units: number };

/**
 * Ten meldingen of one offender are a series worth linking; the same value in more than 10 otherwise unlinked
 * meldingen spread over more than 4 of the 11 units is more likely a shared service (a shop, a scam call centre, a
 * platform's support address) than one person. SPOOR_HUB_REPORTS and SPOOR_HUB_UNITS override (server/config.ts).
 */
export const DEFAULT_HUB_POLICY: HubPolicy = { reports: 10, units: 4 };

export type Carrier = { id: string; unitId: number };
export type HubVerdict = { hub: boolean; groups: number; units: number };

/**
 * `carriers`: every melding that carries the value (the new one included); `otherLinks`: links among them made by
 * *other* selectors. Meldingen tied together otherwise are one series and count once: a prolific offender whose
 * meldingen share a handle and a number is no hub; forty strangers sharing only a helpdesk number are.
 */
export function judgeHub(
  carriers: readonly Carrier[],
  otherLinks: Iterable<readonly [string, string]>,
  policy: HubPolicy,
): HubVerdict {
  const units = new Set(carriers.map((c) => c.unitId)).size;
  if (carriers.length <= policy.reports || units <= policy.units) return { hub: false, groups: carriers.length, units };
  const groups = components(
    carriers.map((c) => c.id),
    otherLinks,
  ).length;
  return { hub: groups > policy.reports, groups, units };
}
