// Session expiry: the first 401 opens the sign-in overlay; every request that hit it waits and retries
// once the same user is signed in again, so nothing the analyst did is lost.
import { place } from '../app/place.ts';

type Waiter = { promise: Promise<void>; resolve: () => void; reject: (error: Error) => void };
type Listener = (expired: boolean) => void;

let waiting: Waiter | null = null;
const listeners = new Set<Listener>();

class SignedInAsSomeoneElse extends Error {}

export const session = {
  /** Called on a 401: remembers the analyst's place and resolves after they sign in again. */
  expired(): Promise<void> {
    if (!waiting) {
      place.save();
      let resolve!: () => void;
      let reject!: (error: Error) => void;
      const promise = new Promise<void>((res, rej) => {
        resolve = res;
        reject = rej;
      });
      promise.catch(() => undefined);
      waiting = { promise, resolve, reject };
      for (const l of listeners) l(true);
    }
    return waiting.promise;
  },
  /** The same user signed in again: retry what was waiting. */
  restored(): void {
    waiting?.resolve();
    waiting = null;
    for (const l of listeners) l(false);
  },
  /** Another user signed in: waiting requests must not run under their name. */
  abandoned(): void {
    waiting?.reject(new SignedInAsSomeoneElse('signed in as another user'));
    waiting = null;
    for (const l of listeners) l(false);
  },
  isExpired: () => waiting !== null,
  subscribe(listener: Listener): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};
