// Administrators' control over what never links: the public-selector list (helplines, platforms' own domains) and
// hubs held for review. Every edit relinks or unlinks the meldingen and the cases (selectors read from case media)
// concerned at once, under the linking lock, and is audited in the same transaction.
import type { Pool } from '../../storage/db.ts';
import { hubsRepo, type HubState } from '../../storage/repositories/hubs.repository.ts';
import { publicSelectorsRepo } from '../../storage/repositories/public-selectors.repository.ts';
import { unlinkSelector } from '../../workers/reports/cluster-update.ts';
import { relinkSelector, withLinking, type LinkDeps } from '../../workers/reports/link-report.ts';
import { relinkCasesOn, unlinkCasesOn } from '../../workers/reports/relink-cases.ts';
import { classifySelector } from '../../workers/selectors/classify.ts';
import { SELECTOR_SIGNALS, type SelectorName } from '../../workers/signals/index.ts';
import { BadInput, Forbidden, NotFound } from '../errors.ts';
import type { Actor } from './actor.ts';
import type { AuditService } from './audit.service.ts';

export type SelectorInput = { selector: string; type?: SelectorName };

const notASelector = (raw: string) =>
  new BadInput({
    nl:
      `"${raw.slice(0, 80)}" is geen telefoonnummer, e-mailadres, gebruikersnaam, IBAN, IP-adres, link of ` +
      'wallet. Schrijf het zoals in een melding, bijvoorbeeld 06-12345678 of @naam, of geef het type mee.',
    en:
      `"${raw.slice(0, 80)}" is not a phone number, e-mail address, handle, IBAN, IP address, link or wallet. ` +
      'Write it as in a melding, e.g. 06-12345678 or @name, or give its type.',
  });

/** The canonical (type, value) of a selector written any way, through the signal types. */
export function canonicalSelector(input: SelectorInput): { type: SelectorName; value: string } {
  const raw = input.selector.trim();
  if (input.type) {
    const value = SELECTOR_SIGNALS[input.type].normalise(raw);
    if (value === null) throw notASelector(raw);
    return { type: input.type, value };
  }
  const found = classifySelector(raw);
  if (!found) throw notASelector(raw);
  return { type: found.type, value: found.value };
}

function adminOnly(actor: Actor): void {
  if (actor.role === 'admin') return;
  throw new Forbidden({
    nl: 'Alleen beheerders beheren de openbare selectors en hubs. Vraag een beheerder.',
    en: 'Only administrators manage public selectors and hubs. Ask an administrator.',
  });
}

const noHub = (type: string, value: string) =>
  new NotFound({
    nl: `${type} ${value} staat niet ter beoordeling als hub. Kies een hub uit de lijst.`,
    en: `${type} ${value} is not held for review as a hub. Choose a hub from the list.`,
  });

export function selectorsAdminService(pool: Pool, audit: AuditService, linking: Omit<LinkDeps, 'pool'>) {
  const deps: LinkDeps = { pool, ...linking };
  return {
    async listPublic(actor: Actor) {
      adminOnly(actor);
      return publicSelectorsRepo(pool).active();
    },

    /** Public from now on: the links it made are removed, and clusters that held only by it fall apart. */
    async addPublic(actor: Actor, input: SelectorInput & { note?: string }) {
      adminOnly(actor);
      const key = canonicalSelector(input);
      const note = (input.note ?? '').trim().slice(0, 200);
      return withLinking(pool, async (tx) => {
        const added = await publicSelectorsRepo(tx).add(key.type, key.value, note, actor.username);
        const unlinked = added ? await unlinkSelector(tx, deps.auditKey, key) : 0;
        const caseUnlinked = added ? await unlinkCasesOn(tx, deps.auditKey, key) : 0;
        const details = { ...key, note, added, unlinked, caseUnlinked };
        await audit.record(actor, { action: 'public-selector.add', targetType: 'selector', details }, tx);
        return { ...key, added, unlinked };
      });
    },

    /** No longer public: the meldingen carrying it are linked again. */
    async removePublic(actor: Actor, input: SelectorInput) {
      adminOnly(actor);
      const key = canonicalSelector(input);
      return withLinking(pool, async (tx) => {
        const removed = await publicSelectorsRepo(tx).remove(key.type, key.value, actor.username);
        const linked = removed ? await relinkSelector(tx, deps, key) : 0;
        const caseLinked = removed ? await relinkCasesOn(tx, deps, key) : 0;
        const details = { ...key, removed, linked, caseLinked };
        await audit.record(actor, { action: 'public-selector.remove', targetType: 'selector', details }, tx);
        return { ...key, removed, linked };
      });
    },

    async listHubs(actor: Actor, state: HubState | null) {
      adminOnly(actor);
      return hubsRepo(pool).list(state);
    },

    /** `public`: never links; `offender`: links after all, so every melding carrying it is linked again. */
    async decideHub(actor: Actor, input: SelectorInput & { state: 'public' | 'offender' }) {
      adminOnly(actor);
      const key = canonicalSelector(input);
      return withLinking(pool, async (tx) => {
        const hub = await hubsRepo(tx).byKey(key.type, key.value);
        if (!hub) throw noHub(key.type, key.value);
        await hubsRepo(tx).decide(key.type, key.value, input.state, actor.username);
        const linked = input.state === 'offender' ? await relinkSelector(tx, deps, key) : 0;
        const unlinked = input.state === 'public' ? await unlinkSelector(tx, deps.auditKey, key) : 0;
        // Cases whose media carry it follow the same decision (case-link.add / case-link.remove, per case).
        const caseLinked = input.state === 'offender' ? await relinkCasesOn(tx, deps, key) : 0;
        const caseUnlinked = input.state === 'public' ? await unlinkCasesOn(tx, deps.auditKey, key) : 0;
        const details = { ...key, from: hub.state, to: input.state, linked, unlinked, caseLinked, caseUnlinked };
        await audit.record(actor, { action: 'selector-hub.decide', targetType: 'selector', details }, tx);
        return { ...key, state: input.state, linked, unlinked };
      });
    },
  };
}
