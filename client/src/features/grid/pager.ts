// Keyset pages of the media grid, loaded in order as the analyst scrolls or jumps ahead. Items are
// appended in place; `version` tells React something changed without copying 100k-item arrays.
import type { Media, MediaPage } from '../../api/types.ts';

export type FetchPage = (after: string | null, limit: number, signal: AbortSignal) => Promise<MediaPage>;

const MIN_PAGE = 200;
export const MAX_PAGE = 5000;
const PREFETCH = 400;

export class MediaPager {
  readonly items: Media[] = [];
  total: number | null = null;
  loading = false;
  error: Error | null = null;
  version = 0;
  private next: string | null = null;
  private done = false;
  private wanted = 0;
  private readonly abort = new AbortController();
  private readonly listeners = new Set<() => void>();

  constructor(private readonly fetchPage: FetchPage) {}

  get complete(): boolean {
    return this.done;
  }
  get count(): number {
    return this.total ?? this.items.length;
  }

  /** Makes sure items up to `index` (plus a margin) are loaded or on their way. */
  ensure(index: number): void {
    this.wanted = Math.max(this.wanted, index + 1 + PREFETCH);
    void this.pump();
  }

  retry(): void {
    this.error = null;
    void this.pump();
  }

  private async pump(): Promise<void> {
    if (this.loading || this.done || this.error || this.items.length >= this.wanted) return;
    this.loading = true;
    this.changed();
    try {
      const limit = Math.min(MAX_PAGE, Math.max(MIN_PAGE, this.wanted - this.items.length));
      const page = await this.fetchPage(this.next, limit, this.abort.signal);
      for (const item of page.items) this.items.push(item);
      if (page.total !== undefined) this.total = page.total;
      this.next = page.next;
      this.done = page.next === null;
      if (this.done) this.total = this.items.length;
    } catch (error) {
      if ((error as Error).name === 'AbortError') return;
      this.error = error as Error;
    } finally {
      this.loading = false;
      this.changed();
    }
    void this.pump();
  }

  /** Replaces loaded items in place (after a categorisation); `fn` returns the new item or null to keep it. */
  patch(fn: (m: Media) => Media | null): void {
    let touched = false;
    for (let i = 0; i < this.items.length; i++) {
      const next = fn(this.items[i]!);
      if (next) {
        this.items[i] = next;
        touched = true;
      }
    }
    if (touched) this.changed();
  }

  dispose(): void {
    this.abort.abort();
    this.listeners.clear();
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };

  getVersion = (): number => this.version;

  private changed(): void {
    this.version++;
    for (const l of this.listeners) l();
  }
}
