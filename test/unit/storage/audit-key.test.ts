// The audit key's pure parts: derivation, entry HMAC, checkpoint signatures, and its configuration.
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../server/config.ts';
import { entryHash, GENESIS_HASH, keyedEntryHash } from '../../../storage/audit-chain.ts';
import { checkpointLine, parseCheckpointLine } from '../../../storage/audit-checkpoints.ts';
import { auditKeyFrom } from '../../../storage/audit-key.ts';

const row = {
  at: new Date('2026-01-02T03:04:05Z'),
  actor_id: null,
  actor_name: 'system',
  action: 'test',
  target_type: null,
  target_id: null,
  case_id: null,
  details: { b: 1, a: [2] },
};
const key = auditKeyFrom('k'.repeat(64));
const cp = {
  id: 42,
  hash: 'ab'.repeat(32),
  count: 40,
  entryAt: '2026-01-02T03:04:05.000Z',
  at: '2026-01-02T03:05:00.000Z',
};

describe('audit key', () => {
  it('is derived deterministically from the secret; another secret is another key', () => {
    expect(auditKeyFrom('k'.repeat(64)).id).toBe(key.id);
    expect(key.id).toMatch(/^[0-9a-f]{16}$/);
    expect(auditKeyFrom('j'.repeat(64)).id).not.toBe(key.id);
  });

  it('keys the entry hash: not the plain SHA-256, and different under another key', () => {
    const keyed = keyedEntryHash(key, GENESIS_HASH, row);
    expect(keyed).toMatch(/^[0-9a-f]{64}$/);
    expect(keyed).not.toBe(entryHash(GENESIS_HASH, row));
    expect(keyedEntryHash(auditKeyFrom('j'.repeat(64)), GENESIS_HASH, row)).not.toBe(keyed);
    expect(keyedEntryHash(key, GENESIS_HASH, { ...row, details: { a: [2], b: 1 } })).toBe(keyed);
  });

  it('signs checkpoint lines; any change, a missing signature or another key is told apart', () => {
    const line = checkpointLine(key, cp).trimEnd();
    expect(parseCheckpointLine(key, line, 1)).toEqual({ v: 1, ...cp, keyId: key.id });
    const body = JSON.parse(line);
    const edited = JSON.stringify({ ...body, count: 39 });
    expect(parseCheckpointLine(key, edited, 2)).toEqual({ line: 2, kind: 'bad-signature' });
    expect(parseCheckpointLine(key, JSON.stringify({ ...body, sig: '' }), 3)).toEqual({ line: 3, kind: 'unsigned' });
    expect(parseCheckpointLine(key, '{"v":1', 4)).toEqual({ line: 4, kind: 'unreadable' });
    const foreign = checkpointLine(auditKeyFrom('j'.repeat(64)), cp).trimEnd();
    expect(parseCheckpointLine(key, foreign, 5)).toMatchObject({ line: 5, kind: 'other-key' });
  });
});

describe('audit configuration', () => {
  it('defaults to a key file and a checkpoint file in the data directory', () => {
    const config = loadConfig({ SPOOR_DATA_DIR: '/srv/spoor' }, '/');
    expect(config.audit).toEqual({
      key: null,
      keyFile: '/srv/spoor/audit.key',
      checkpointFile: '/srv/spoor/audit-checkpoints.jsonl',
      checkpointSeconds: 60,
    });
  });

  it('refuses a short inline key, and an inline key together with a key file', () => {
    expect(() => loadConfig({ SPOOR_AUDIT_KEY: 'short' })).toThrow(ConfigError);
    const both = { SPOOR_AUDIT_KEY: 'x'.repeat(32), SPOOR_AUDIT_KEY_FILE: '/k' };
    expect(() => loadConfig(both)).toThrow(/SPOOR_AUDIT_KEY_FILE/);
    expect(
      loadConfig({ SPOOR_AUDIT_KEY: 'x'.repeat(32), SPOOR_AUDIT_CHECKPOINT_FILE: '/worm/spoor.jsonl' }, '/').audit,
    ).toMatchObject({ key: 'x'.repeat(32), checkpointFile: '/worm/spoor.jsonl' });
  });
});
