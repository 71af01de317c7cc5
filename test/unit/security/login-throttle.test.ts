// The throttle's arithmetic (pure) and the SPOOR_TRUST_PROXY setting.
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../server/config.ts';
import {
  delayAfter,
  waitFor,
  type FailureStats,
  type ThrottlePolicy,
} from '../../../server/security/login-throttle.ts';

const policy: ThrottlePolicy = {
  freeFailures: 5,
  freeFailuresPerIp: 20,
  windowMinutes: 15,
  maxDelaySeconds: 900,
  maxAccountDelaySeconds: 30,
};
const now = new Date('2026-03-01T12:00:00Z');
const ago = (seconds: number) => new Date(now.getTime() - seconds * 1000);
const none = { n: 0, last: null };
const stats = (s: Partial<FailureStats>): FailureStats => ({
  now,
  trusted: false,
  pair: none,
  ip: none,
  account: none,
  ...s,
});

describe('login throttle delays', () => {
  it('doubles after the free failures and stops at the cap', () => {
    expect([4, 5, 6, 7, 8, 14, 15, 40].map((n) => delayAfter(n, 5, 900))).toEqual([0, 1, 2, 4, 8, 512, 900, 900]);
    expect(delayAfter(1e9, 5, 900)).toBe(900);
  });

  it('answers how long is left since the last failure, rounded up', () => {
    expect(waitFor(stats({ pair: { n: 8, last: ago(2.5) } }), policy)).toEqual({ seconds: 6, scope: 'pair' });
    expect(waitFor(stats({ pair: { n: 8, last: ago(9) } }), policy)).toBeNull();
  });

  it('does not slow an attempt from a trusted address for failures elsewhere or by others on it', () => {
    const busy = { ip: { n: 500, last: ago(0) }, account: { n: 500, last: ago(0) } };
    expect(waitFor(stats({ ...busy, trusted: true }), policy)).toBeNull();
    expect(waitFor(stats(busy), policy)).toEqual({ seconds: 900, scope: 'ip' });
    expect(waitFor(stats({ account: busy.account }), policy)).toEqual({ seconds: 30, scope: 'account' });
  });

  it('still applies the pair delay on a trusted address (someone guessing there)', () => {
    const guessedHere = stats({ trusted: true, pair: { n: 6, last: ago(0) } });
    expect(waitFor(guessedHere, policy)).toEqual({ seconds: 2, scope: 'pair' });
  });
});

describe('SPOOR_TRUST_PROXY', () => {
  it('is off by default and takes addresses, CIDR ranges and proxy-addr names', () => {
    expect(loadConfig({}).trustProxy).toEqual([]);
    expect(loadConfig({ SPOOR_TRUST_PROXY: '10.0.0.5, 10.1.0.0/16,::1,fd00::/8,loopback' }).trustProxy).toEqual([
      '10.0.0.5',
      '10.1.0.0/16',
      '::1',
      'fd00::/8',
      'loopback',
    ]);
  });

  it.each(['true', '*', 'proxy.local', '10.0.0.0/33', '10.0.0.1/8/1', '1'])('refuses %s, naming it', (value) => {
    expect(() => loadConfig({ SPOOR_TRUST_PROXY: value })).toThrow(ConfigError);
    expect(() => loadConfig({ SPOOR_TRUST_PROXY: value })).toThrow(/SPOOR_TRUST_PROXY/);
  });
});
