// The one need-to-know rule for hits, for every role: a case one may open shows everything; any other
// case shows only its number, unit, a contact and (collapsed) a count.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../server/services/actor.ts';
import { SYSTEM_ACTOR } from '../../server/services/actor.ts';
import { collapseHidden, type OwnerRef } from '../../server/services/disclosure.ts';
import { addUser, createTestEnv, type TestEnv } from './helpers/runtime.ts';

let env: TestEnv;
let caseId: string;
const actors: Record<string, Actor> = {};

const USERS = [
  ['admin1', 'Landelijke Eenheid', 'admin'],
  ['member', 'Amsterdam', 'analyst'],
  ['colleague', 'Amsterdam', 'analyst'],
  ['amslead', 'Amsterdam', 'lead'],
  ['rtmlead', 'Rotterdam', 'lead'],
  ['outsider', 'Rotterdam', 'analyst'],
  ['ovj', 'Amsterdam', 'prosecutor'],
  ['ovj2', 'Amsterdam', 'prosecutor'],
] as const;

beforeAll(async () => {
  env = await createTestEnv();
  const { users, cases } = env.runtime.services;
  for (const [name, unit, role] of USERS) await addUser(env, name, unit, role);
  for (const [name] of USERS) {
    const u = (await users.byUsername(name))!;
    actors[name] = { id: u.id, username: u.username, role: u.role, unitId: u.unit_id };
  }
  const created = await cases.create(actors.member!, { number: '2026-AM-0077', title: 'Disclosure' });
  caseId = created.id;
  await cases.addMember(SYSTEM_ACTOR, caseId, 'ovj');
});
afterAll(() => env.close());

const sees: Record<string, boolean> = {
  admin1: true,
  member: true,
  amslead: true,
  ovj: true,
  colleague: false,
  rtmlead: false,
  outsider: false,
  ovj2: false,
};

describe('disclosure of a case that holds a hit', () => {
  for (const [who, visible] of Object.entries(sees)) {
    it(`${who} ${visible ? 'sees the case' : 'sees only number, unit and contact'}`, async () => {
      const ref = await env.runtime.services.disclosure.forActor(actors[who]!)(caseId);
      expect(ref).toEqual({ number: '2026-AM-0077', unit: 'Amsterdam', visible, contact: expect.any(String) });
    });
  }

  it('names the owning unit’s lead as the contact', async () => {
    const ref = await env.runtime.services.disclosure.forActor(actors.outsider!)(caseId);
    expect(ref.contact).toMatch(/amslead/i);
  });
});

describe('collapsing hidden hits', () => {
  type Hit = { kind: string; distance: number; owner: OwnerRef | null; secret: string | null };
  const owner = (number: string, visible: boolean): OwnerRef => ({ number, unit: 'U', visible, contact: 'c' });

  it('keeps visible hits whole and folds hidden ones into one row per owner with a count', () => {
    const hits: Hit[] = [
      { kind: 'near', distance: 9, owner: owner('A', false), secret: 'category 1' },
      { kind: 'exact', distance: 0, owner: owner('A', false), secret: 'path/x.jpg' },
      { kind: 'near', distance: 4, owner: owner('B', true), secret: 'shown' },
      { kind: 'exact', distance: 0, owner: null, secret: 'hash set' },
      { kind: 'near', distance: 12, owner: owner('C', false), secret: 'category 2' },
    ];
    const out = collapseHidden(
      hits,
      (h) => h.owner,
      (h, o) => ({ ...h, owner: o, secret: null }),
    );
    expect(out).toEqual([
      { kind: 'exact', distance: 0, owner: null, secret: 'hash set' },
      { kind: 'exact', distance: 0, owner: { ...owner('A', false), matchCount: 2 }, secret: null },
      { kind: 'near', distance: 4, owner: owner('B', true), secret: 'shown' },
      { kind: 'near', distance: 12, owner: { ...owner('C', false), matchCount: 1 }, secret: null },
    ]);
  });
});
