// Every handler's outcome reaches the debug log, and nothing is written when debug is off.
import { describe, expect, it } from 'vitest';
import { logOutcome, type HandlerDeps } from '../../../workers/handlers/deps.ts';

const depsWith = (debug?: (line: string) => void) => ({ debug }) as unknown as HandlerDeps;

describe('logOutcome', () => {
  it('writes done, skipped with its reason, and a recorded failure', () => {
    const lines: string[] = [];
    const deps = depsWith((line) => lines.push(line));
    logOutcome(deps, 'blob.process', 'ab12', { status: 'done' });
    logOutcome(deps, 'case.group', '7', { status: 'skipped', reason: 'case closed' });
    logOutcome(deps, 'evidence.unpack', '3', new Error('unpacking failed: bad zip'));
    expect(lines).toEqual([
      'blob.process ab12: done',
      'case.group 7: skipped (case closed)',
      'evidence.unpack 3: failed (unpacking failed: bad zip)',
    ]);
  });

  it('is silent without a debug logger', () => {
    expect(() => logOutcome(depsWith(), 'case.match', '1', { status: 'done' })).not.toThrow();
  });
});
