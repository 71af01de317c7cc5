// Which stored categories a VICS 2.0 US export can carry, and a count per scheme of those it cannot.
// Only a scheme whose values mean the same as the US profile is mapped; a guess would mislabel evidence.

/** Project VIC numbering: 0 non-pertinent, 1 child abuse material, 2 exploitive/age-difficult, 3 CGI, 4 comparison. */
const PROJECT_VIC_VALUE = /^[0-4]$/;

/**
 * Schemes numbered like VICS 2.0 US: our own 'vics2', a US-profile set, and VICS 1.x (the same Project VIC 0–4).
 * Not mapped: 'caid' (UK severity grades A/B/C), 'vics2-uk', 'vics2-default', 'custom' and 'vics-unknown' sets.
 */
const SAME_MEANING_AS_VICS2_US = new Set(['vics2', 'vics2-us', 'vics1']);

/** The VICS 2.0 US number for `category` of `scheme`, or null when the profile has no value that means the same. */
export function vics2UsCategory(scheme: string, category: string): number | null {
  return SAME_MEANING_AS_VICS2_US.has(scheme) && PROJECT_VIC_VALUE.test(category) ? Number(category) : null;
}

export type UnmappedCategories = Record<string, number>;

/** Counts categories per scheme that an export leaves out; a Map, so any scheme name is a safe key. */
export class UnmappedTally {
  private readonly counts = new Map<string, number>();

  /** The US category to write for a stored category, counting it when there is none. */
  map(scheme: string, category: string | null, times = 1): number | null {
    if (category === null) return null;
    const mapped = vics2UsCategory(scheme, category);
    if (mapped === null) this.counts.set(scheme, (this.counts.get(scheme) ?? 0) + times);
    return mapped;
  }

  /** `{scheme: count}` in scheme order, for JSON output. */
  toJSON(): UnmappedCategories {
    return Object.fromEntries([...this.counts].sort(([a], [b]) => a.localeCompare(b)));
  }
}
