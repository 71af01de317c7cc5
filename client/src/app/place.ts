// "Where was I?": the route plus whatever screens register (grid focus, selection, scroll), kept in
// sessionStorage so it survives an expired session and a reload.
const KEY = 'spoor.place';

type Saved = { path: string; parts: Record<string, unknown> };
const providers = new Map<string, () => unknown>();

function read(): Saved | null {
  try {
    return JSON.parse(sessionStorage.getItem(KEY) ?? 'null') as Saved | null;
  } catch {
    return null;
  }
}

export const place = {
  register(name: string, snapshot: () => unknown): () => void {
    providers.set(name, snapshot);
    return () => {
      if (providers.get(name) === snapshot) providers.delete(name);
    };
  },
  save(): void {
    const parts: Record<string, unknown> = { ...(read()?.parts ?? {}) };
    for (const [name, snapshot] of providers) parts[name] = snapshot();
    sessionStorage.setItem(KEY, JSON.stringify({ path: location.pathname + location.search, parts }));
  },
  /** Returns one saved part without forgetting it (a render that cannot use it yet must not lose it). */
  peek<T>(name: string): T | null {
    const saved = read();
    return saved && name in saved.parts ? (saved.parts[name] as T) : null;
  },
  /** Forgets one saved part once it has been put back. */
  forget(name: string): void {
    const saved = read();
    if (!saved || !(name in saved.parts)) return;
    delete saved.parts[name];
    sessionStorage.setItem(KEY, JSON.stringify(saved));
  },
  savedPath: (): string | null => read()?.path ?? null,
};
