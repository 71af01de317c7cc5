// Which errors mean "the database is away, try again" (503), and the log that reports them without flooding.
import { describe, expect, it, vi } from 'vitest';
import { isDatabaseUnavailable } from '../../../storage/db.ts';
import { throttledLog } from '../../../server/throttled-log.ts';

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });

describe('isDatabaseUnavailable', () => {
  it('recognises a restart, a refused connection and a dropped one', () => {
    expect(isDatabaseUnavailable(withCode('terminating connection due to administrator command', '57P01'))).toBe(true);
    expect(isDatabaseUnavailable(withCode('the database system is starting up', '57P03'))).toBe(true);
    expect(isDatabaseUnavailable(withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED'))).toBe(true);
    expect(isDatabaseUnavailable(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isDatabaseUnavailable(withCode('connection failure', '08006'))).toBe(true);
    expect(isDatabaseUnavailable(new AggregateError([withCode('connect', 'ECONNREFUSED')], 'all failed'))).toBe(true);
  });

  it('leaves query mistakes, aborted uploads and non-errors alone', () => {
    expect(isDatabaseUnavailable(withCode('duplicate key value violates unique constraint', '23505'))).toBe(false);
    expect(isDatabaseUnavailable(withCode('aborted', 'ECONNRESET'))).toBe(false);
    expect(isDatabaseUnavailable(undefined)).toBe(false);
    expect(isDatabaseUnavailable('Connection terminated')).toBe(false);
  });
});

describe('throttledLog', () => {
  it('says each kind of failure once per interval, then how many it held back', () => {
    vi.useFakeTimers();
    try {
      const lines: string[] = [];
      const log = throttledLog((l) => lines.push(l), 10_000);
      for (const worker of ['a1b2c3d4-0000-4000-8000-000000000001', 'a1b2c3d4-0000-4000-8000-000000000002']) {
        log(`queue: connect ECONNREFUSED 127.0.0.1:5432 (Queue: blob.process, Worker: ${worker})`);
      }
      log('database: Connection terminated unexpectedly');
      vi.advanceTimersByTime(10_001);
      log('queue: connect ECONNREFUSED 127.0.0.1:5432 (Queue: case.group, Worker: x)');
      expect(lines).toEqual([
        'queue: connect ECONNREFUSED 127.0.0.1:5432 (Queue: blob.process, Worker: a1b2c3d4-0000-4000-8000-000000000001)',
        'database: Connection terminated unexpectedly',
        'queue: connect ECONNREFUSED 127.0.0.1:5432 (Queue: case.group, Worker: x) (and 1 more like it)',
      ]);
    } finally {
      vi.useRealTimers();
    }
  });
});
