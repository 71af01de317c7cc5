// Who may work on a case: listing, adding and removing its members, decided by the owning unit's leads and admins.
import { inTransaction, type Pool } from '../../storage/db.ts';
import { casesRepo, type CaseRow } from '../../storage/repositories/cases.repository.ts';
import { usersRepo } from '../../storage/repositories/users.repository.ts';
import { BadInput, Conflict, Forbidden, NotFound } from '../errors.ts';
import type { Actor } from './actor.ts';
import type { AuditService } from './audit.service.ts';
import type { Access } from './cases.service.ts';

type OpenCase = (actor: Actor, ref: { id?: string }) => Promise<CaseRow & { access: Access }>;

// Frontoffice staff triage meldingen; the cases that follow are worked by analysts and leads.
const frontofficeNotMember = (username: string) =>
  new BadInput({
    nl:
      `${username} werkt in de frontoffice: frontoffice-medewerkers zijn nooit lid van een zaak. ` +
      'Voeg een analist of teamleider toe, of laat de beheerder de rol van dit account wijzigen.',
    en:
      `${username} works in the frontoffice: frontoffice staff are never members of a case. ` +
      'Add an analyst or lead instead, or ask the administrator to change the role of this account.',
  });

const lastMember = (username: string, number: string) =>
  new Conflict({
    nl: `${username} is het laatste lid van zaak ${number}. Voeg eerst een ander lid toe en verwijder daarna ${username}.`,
    en: `${username} is the last member of case ${number}. Add another member first, then remove ${username}.`,
  });

/** Need-to-know is decided by the owning unit's leads and by administrators, never by the case's own members. */
function assertMayManageMembers(actor: Actor, c: CaseRow): void {
  if (actor.role === 'admin' || (actor.role === 'lead' && actor.unitId === c.unit_id)) return;
  throw new Forbidden({
    nl:
      `Alleen teamleiders van ${c.unit_name} en beheerders bepalen wie lid is van deze zaak. ` +
      'Vraag een teamleider dit te doen.',
    en: `Only leads of ${c.unit_name} and administrators decide who is a member of this case. Ask a lead to do this.`,
  });
}

export function caseMembersService(pool: Pool, audit: AuditService, open: OpenCase) {
  const repo = casesRepo(pool);
  return {
    async members(actor: Actor, id: string) {
      const c = await open(actor, { id });
      return repo.members(c.id);
    },

    async addMember(actor: Actor, id: string, username: string) {
      const c = await open(actor, { id });
      assertMayManageMembers(actor, c);
      const user = await usersRepo(pool).byUsername(username.trim().toLowerCase());
      if (!user || user.disabled) throw new BadInput(`No active user "${username}".`);
      if (user.role === 'frontoffice') throw frontofficeNotMember(user.username);
      await inTransaction(pool, async (tx) => {
        await casesRepo(tx).addMember(c.id, user.id, actor.id);
        await audit.record(
          actor,
          { action: 'case.member.add', targetType: 'user', targetId: user.username, caseId: c.id },
          tx,
        );
      });
      return repo.members(c.id);
    },

    /** Removes a member, but never the last one: a case nobody can open is lost to its unit. */
    async removeMember(actor: Actor, id: string, username: string) {
      const c = await open(actor, { id });
      assertMayManageMembers(actor, c);
      const user = await usersRepo(pool).byUsername(username.trim().toLowerCase());
      if (!user) throw new NotFound(`No user "${username}".`);
      await inTransaction(pool, async (tx) => {
        const members = await casesRepo(tx).lockMembers(c.id);
        if (members.length === 1 && members[0] === user.id) throw lastMember(user.username, c.number);
        await casesRepo(tx).removeMember(c.id, user.id);
        await audit.record(
          actor,
          { action: 'case.member.remove', targetType: 'user', targetId: user.username, caseId: c.id },
          tx,
        );
      });
      return repo.members(c.id);
    },
  };
}
