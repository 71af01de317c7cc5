// A signal type (after Meta's python-threatexchange `signal_type/`): one kind of identifier, how it is
// checked and written canonically, whether a value is good enough to match on, and which index answers it.

/** Selectors: contact and payment identifiers read from meldingen (issue 11); all answered by the exact index. */
export type SelectorName = 'phone' | 'email' | 'handle' | 'iban' | 'ip' | 'url' | 'btc' | 'eth';

type HashName = 'md5' | 'sha1' | 'sha256' | 'pdq';

export type SignalName = HashName | SelectorName;

/** `exact`: B-tree equality in PostgreSQL. `near`: the in-memory PDQ index (Hamming distance). */
export type SignalIndex = 'exact' | 'near';

/** `N` narrows the name, so a list of hash signals indexes objects keyed by hash name only. */
export type SignalType<N extends SignalName = SignalName> = {
  readonly name: N;
  /** Shown in messages: "MD5", "SHA-256", "PDQ", "IBAN". */
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
export function hexSignal<N extends HashName>(
  name: N,
  label: string,
  bits: number,
  index: SignalIndex,
  usable: SignalType['usable'] = () => true,
): SignalType<N> {
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

/**
 * A selector signal: canonical values match `pattern` and are a fixed point of `normalise`, so a value
 * stored once compares equal to every other written form of the same identifier.
 */
export function selectorSignal<N extends SelectorName>(
  name: N,
  label: string,
  canonical: RegExp,
  normalise: (raw: string) => string | null,
  usable: (value: string) => boolean = () => true,
): SignalType<N> {
  return {
    name,
    label,
    index: 'exact',
    pattern: canonical.source,
    validate: (value: unknown): value is string =>
      typeof value === 'string' && canonical.test(value) && normalise(value) === value,
    normalise: (raw) => {
      const value = normalise(raw);
      return value !== null && canonical.test(value) ? value : null;
    },
    usable: (value) => canonical.test(value) && usable(value),
  };
}
