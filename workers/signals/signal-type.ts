// A signal type (after Meta's python-threatexchange `signal_type/`): one kind of identifier, how it is
// checked and written canonically, whether a value is good enough to match on, and which index answers it.

export type SignalName = 'md5' | 'sha1' | 'sha256' | 'pdq';

/** `exact`: B-tree equality in PostgreSQL. `near`: the in-memory PDQ index (Hamming distance). */
export type SignalIndex = 'exact' | 'near';

export type SignalType = {
  readonly name: SignalName;
  /** Shown in messages: "MD5", "SHA-256", "PDQ". */
  readonly label: string;
  readonly index: SignalIndex;
  /** A regular-expression source for schemas (TypeBox `pattern`) that accepts only canonical values. */
  readonly pattern: string;
  /** True when `value` is already canonical. */
  validate(value: unknown): value is string;
  /** The canonical form of what a person or another system wrote, or null when it is not this signal. */
  normalise(raw: string): string | null;
  /** True when a canonical value (with its quality, where the signal has one) may be used for matching. */
  usable(value: string, quality?: number | null): boolean;
};

/** A fixed-length lower-case hexadecimal digest (MD5, SHA-1, SHA-256, PDQ). */
export function hexSignal(
  name: SignalName,
  label: string,
  bits: number,
  index: SignalIndex,
  usable: SignalType['usable'] = () => true,
): SignalType {
  const length = bits / 4;
  const canonical = new RegExp(`^[0-9a-f]{${length}}$`);
  return {
    name,
    label,
    index,
    pattern: canonical.source,
    validate: (value: unknown): value is string => typeof value === 'string' && canonical.test(value),
    normalise: (raw) => {
      const value = raw.trim().toLowerCase();
      return canonical.test(value) ? value : null;
    },
    usable,
  };
}
