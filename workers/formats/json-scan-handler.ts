// The contract between JsonScanner and its handler: the container stack, what to do with a value, and its path.
export type Frame = { kind: 'obj' | 'arr'; key: string | null; index: number; role: string };

/** What to do with the value starting at the current position. */
export type Decision = { action: 'enter'; role: string } | { action: 'keep' } | { action: 'skip' };

export interface ScanHandler {
  /** `stack` ends with the container holding the value (empty for the root). `first` is its first char. */
  decide(stack: readonly Frame[], first: string): Decision;
  /** A kept value is complete; `text` is its exact JSON source. */
  value(stack: readonly Frame[], text: string): void;
  /** An entered container closed; `stack` is its parent chain. */
  close(stack: readonly Frame[], frame: Frame): void;
  /** A kept value was refused (nested deeper than the limit); `value` is not called for it. */
  refused?(stack: readonly Frame[], reason: string): void;
}

/** JSON-path-like position of the value the stack points at. */
export function pathOf(stack: readonly Frame[]): string {
  let p = '';
  for (const f of stack) {
    if (f.kind === 'arr') p += `[${f.index}]`;
    else if (f.key !== null) p += p === '' ? f.key : `.${f.key}`;
  }
  return p;
}
