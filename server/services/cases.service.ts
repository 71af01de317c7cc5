// Cases and their members. Access rule: admins, members, and leads of the owning unit may open a
// case; for anyone else it does not exist (404), because a case's existence is itself need-to-know.
import type { Pool } from '../../storage/db.ts';
import { inTransaction } from '../../storage/db.ts';
import { casesRepo, type CaseRow, type CaseStatus } from '../../storage/repositories/cases.repository.ts';
import { usersRepo } from '../../storage/repositories/users.repository.ts';
import { BadInput, Conflict, Forbidden, notFoundOrNotYours } from '../errors.ts';
import type { Actor } from './actor.ts';
import type { AuditService } from './audit.service.ts';
import { caseMembersService } from './case-members.service.ts';

const CASE_NUMBER = /^[A-Za-z0-9][A-Za-z0-9._/-]{0,63}$/;
export type Access = 'none' | 'read' | 'write';

const READ_ONLY = { nl: 'U hebt alleen leestoegang tot deze zaak.', en: 'Your access to this case is read-only.' };

/** A closed or archived case is frozen: its evidence, categories and notes no longer change. */
function caseClosed(c: CaseRow): Forbidden {
  const state = c.status === 'archived' ? { nl: 'gearchiveerd', en: 'archived' } : { nl: 'gesloten', en: 'closed' };
  return new Forbidden({
    nl:
      `Zaak ${c.number} is ${state.nl}: er kan geen bewijs meer bij en niets meer aan veranderen. ` +
      'Heropen de zaak (status "open") als dat toch nodig is.',
    en:
      `Case ${c.number} is ${state.en}: no evidence can be added or changed. ` +
      'Reopen the case (status "open") if that is still needed.',
  });
}

const FRONTOFFICE_NO_CASES = {
  nl: 'De frontoffice maakt geen zaken aan. Vraag een analist of teamleider van uw eenheid de zaak aan te maken.',
  en: 'The frontoffice does not create cases. Ask an analyst or lead of your unit to create the case.',
};

type NewCase = { number: string; title: string; unit?: string };

/** Creates a case in the actor's unit (admins: any unit), with the creator as its first member. */
async function createCase(pool: Pool, audit: AuditService, actor: Actor, input: NewCase): Promise<CaseRow> {
  const repo = casesRepo(pool);
  if (actor.role === 'prosecutor') throw new Forbidden('Prosecutors cannot create cases.');
  if (actor.role === 'frontoffice') throw new Forbidden(FRONTOFFICE_NO_CASES);
  const number = input.number.trim();
  if (!CASE_NUMBER.test(number))
    throw new BadInput(
      'Case number must be 1–64 characters: letters, digits, ".", "_", "/" or "-", starting with a letter or digit.',
    );
  if (!input.title.trim()) throw new BadInput('Give the case a title.');
  const unit = input.unit ? await usersRepo(pool).unitByName(input.unit) : null;
  if (input.unit && !unit) throw new BadInput(`Unknown unit "${input.unit}".`);
  const unitId = unit?.id ?? actor.unitId;
  if (actor.role !== 'admin' && unitId !== actor.unitId)
    throw new Forbidden('You can only create cases for your own unit.');
  if (await repo.byNumber(number))
    throw new Conflict(`Case ${number} already exists. Choose another number, or ask its lead for access.`);
  const id = await inTransaction(pool, async (tx) => {
    const created = await casesRepo(tx).insert({ number, title: input.title.trim(), unitId, createdBy: actor.id });
    if (actor.id) await casesRepo(tx).addMember(created, actor.id, actor.id);
    await audit.record(
      actor,
      {
        action: 'case.create',
        targetType: 'case',
        targetId: number,
        caseId: created,
        details: { title: input.title, unitId },
      },
      tx,
    );
    return created;
  });
  return (await repo.byId(id))!;
}

export function casesService(pool: Pool, audit: AuditService) {
  const repo = casesRepo(pool);

  async function accessTo(actor: Actor, c: CaseRow): Promise<Access> {
    if (actor.role === 'admin') return 'write';
    if (actor.role === 'lead' && actor.unitId === c.unit_id) return 'write';
    if (!actor.id || !(await repo.isMember(c.id, actor.id))) return 'none';
    return actor.role === 'prosecutor' ? 'read' : 'write';
  }

  /** Loads a case the actor may open, or throws NotFound for cases that are missing or not theirs. */
  async function open(
    actor: Actor,
    ref: { id?: string; number?: string },
    need: Access = 'read',
  ): Promise<CaseRow & { access: Access }> {
    const c = ref.id ? (isUuid(ref.id) ? await repo.byId(ref.id) : null) : await repo.byNumber(ref.number ?? '');
    const access = c ? await accessTo(actor, c) : 'none';
    if (!c || access === 'none') throw notFoundOrNotYours();
    if (need === 'write' && access !== 'write') throw new Forbidden(READ_ONLY);
    if (need === 'write' && c.status !== 'open') throw caseClosed(c);
    return { ...c, access };
  }

  return {
    open,
    accessTo,
    async list(actor: Actor): Promise<CaseRow[]> {
      if (actor.role === 'admin') return repo.listAll();
      return actor.id ? repo.listVisible(actor.id, actor.role, actor.unitId) : [];
    },

    create: (actor: Actor, input: NewCase): Promise<CaseRow> => createCase(pool, audit, actor, input),

    async update(actor: Actor, id: string, patch: { title?: string; status?: CaseStatus }): Promise<CaseRow> {
      const c = await open(actor, { id });
      if (c.access !== 'write') throw new Forbidden(READ_ONLY); // a closed case may still be renamed or reopened
      await inTransaction(pool, async (tx) => {
        await casesRepo(tx).update(c.id, patch);
        await audit.record(
          actor,
          { action: 'case.update', targetType: 'case', targetId: c.number, caseId: c.id, details: patch },
          tx,
        );
      });
      return (await repo.byId(c.id))!;
    },

    ...caseMembersService(pool, audit, open),
  };
}

export const isUuid = (s: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s);

export type CasesService = ReturnType<typeof casesService>;
