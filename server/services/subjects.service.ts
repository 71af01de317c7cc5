// Victims and series of a case: create, rename, mark identified, delete, attach and detach media (one by one or
// whole near-duplicate groups). Every change is audited; attachments queue the case's suggestions job.
import type { PgBoss } from 'pg-boss';
import { inTransaction, type Pool } from '../../storage/db.ts';
import { mediaRepo } from '../../storage/repositories/media.repository.ts';
import { subjectsRepo, type SubjectKind } from '../../storage/repositories/subjects.repository.ts';
import { enqueue } from '../../workers/jobs.ts';
import { BadInput, Conflict, NotFound } from '../errors.ts';
import { presentSubject } from '../presenters/subjects.ts';
import type { Actor } from './actor.ts';
import type { AuditService } from './audit.service.ts';
import type { CasesService } from './cases.service.ts';

type Deps = { pool: Pool; boss: PgBoss; cases: CasesService; audit: AuditService };
type Input = { sha256s?: string[]; nearGroups?: number[] };
type Patch = { label?: string; description?: string | null; identified?: boolean };

// A pseudonym holds a digit and no spaces ("S-01"), so a real name cannot be typed in as a victim's label.
const VICTIM_LABEL = /^(?=.*[0-9])[A-Za-z0-9][A-Za-z0-9._-]{0,19}$/;

function checkLabel(kind: SubjectKind, label: string): string {
  const trimmed = label.trim();
  if (kind === 'victim' && !VICTIM_LABEL.test(trimmed))
    throw new BadInput({
      nl: 'Geef het slachtoffer een pseudoniem met een cijfer, zonder spaties (bijvoorbeeld S-01), nooit een echte naam.',
      en: 'Give the victim a pseudonym with a digit and no spaces (for example S-01), never a real name.',
    });
  if (!trimmed) throw new BadInput({ nl: 'Geef de serie een naam.', en: 'Give the series a name.' });
  return trimmed;
}

const missingSubject = (kind: SubjectKind) =>
  new NotFound(
    kind === 'victim'
      ? {
          nl: 'Dit slachtoffer bestaat niet in deze zaak. Ververs de lijst.',
          en: 'No such victim in this case. Reload.',
        }
      : { nl: 'Deze serie bestaat niet in deze zaak. Ververs de lijst.', en: 'No such series in this case. Reload.' },
  );

const labelTaken = (label: string) =>
  new Conflict({
    nl: `"${label}" bestaat al in deze zaak. Kies een ander label of open het bestaande.`,
    en: `"${label}" already exists in this case. Choose another label, or open the existing one.`,
  });

async function load(pool: Pool, caseId: string, kind: SubjectKind, id: string) {
  const row = await subjectsRepo(pool).byId(caseId, kind, id);
  if (!row) throw missingSubject(kind);
  return row;
}

/** Content named directly or through its near-duplicate groups; all of it must be part of the case. */
async function contentOf(pool: Pool, caseId: string, input: Input) {
  const groups = [...new Set(input.nearGroups ?? [])];
  const members = groups.length ? await mediaRepo(pool).groupMembers(caseId, groups) : [];
  const missingGroups = groups.filter((g) => !members.some((m) => Number(m.group_id) === g));
  if (missingGroups.length)
    throw new NotFound({
      nl: `Er is geen bijna-duplicaatgroep ${missingGroups.slice(0, 10).join(', ')} in deze zaak. Ververs de groepen.`,
      en: `There is no near-duplicate group ${missingGroups.slice(0, 10).join(', ')} in this case. Reload the groups.`,
    });
  const shas = [...new Set([...(input.sha256s ?? []), ...members.map((m) => m.blob_sha256)])];
  if (shas.length === 0)
    throw new BadInput({
      nl: 'Geef sha256s of nearGroups om te koppelen.',
      en: 'Give sha256s or nearGroups to attach.',
    });
  const found = new Set(await subjectsRepo(pool).inCase(caseId, shas));
  if (found.size !== shas.length)
    throw new NotFound({
      nl: `${shas.length - found.size} van de ${shas.length} bestanden horen niet bij deze zaak; er is niets gekoppeld.`,
      en: `${shas.length - found.size} of the ${shas.length} hashes are not part of this case; nothing was attached.`,
    });
  return { shas, groups };
}

async function createSubject(
  d: Deps,
  actor: Actor,
  caseId: string,
  kind: SubjectKind,
  input: Patch & { label: string },
) {
  const c = await d.cases.open(actor, { id: caseId }, 'write');
  const label = checkLabel(kind, input.label);
  if (await subjectsRepo(d.pool).labelTaken(c.id, kind, label)) throw labelTaken(label);
  const description = input.description?.trim() ? input.description : null;
  const id = await inTransaction(d.pool, async (tx) => {
    const identified = kind === 'victim' && input.identified === true;
    const created = await subjectsRepo(tx).insert({ caseId: c.id, kind, label, description, identified, by: actor.id });
    const details = { label, identified, description: description !== null };
    await d.audit.record(
      actor,
      { action: `${kind}.create`, targetType: kind, targetId: created, caseId: c.id, details },
      tx,
    );
    return created;
  });
  return presentSubject(await load(d.pool, c.id, kind, id));
}

async function updateSubject(d: Deps, actor: Actor, caseId: string, kind: SubjectKind, id: string, patch: Patch) {
  const c = await d.cases.open(actor, { id: caseId }, 'write');
  const before = await load(d.pool, c.id, kind, id);
  const label = patch.label === undefined ? undefined : checkLabel(kind, patch.label);
  if (label !== undefined && label !== before.label && (await subjectsRepo(d.pool).labelTaken(c.id, kind, label)))
    throw labelTaken(label);
  const identified = kind === 'victim' ? patch.identified : undefined;
  await inTransaction(d.pool, async (tx) => {
    await subjectsRepo(tx).update(c.id, kind, id, { label, description: patch.description, identified });
    const details = { label, identified, description: patch.description === undefined ? undefined : 'changed' };
    await d.audit.record(
      actor,
      { action: `${kind}.update`, targetType: kind, targetId: id, caseId: c.id, details },
      tx,
    );
  });
  return presentSubject(await load(d.pool, c.id, kind, id));
}

async function removeSubject(d: Deps, actor: Actor, caseId: string, kind: SubjectKind, id: string) {
  const c = await d.cases.open(actor, { id: caseId }, 'write');
  const row = await load(d.pool, c.id, kind, id);
  await inTransaction(d.pool, async (tx) => {
    await subjectsRepo(tx).remove(c.id, id);
    const details = { label: row.label, media: row.shas.length };
    await d.audit.record(
      actor,
      { action: `${kind}.delete`, targetType: kind, targetId: id, caseId: c.id, details },
      tx,
    );
  });
  await enqueue(d.boss, 'case.suggest', { caseId: c.id });
  return { ok: true };
}

/** Attaches (or detaches) all or nothing, with one audit entry; a change queues the case's suggestions job. */
async function changeMedia(
  d: Deps,
  actor: Actor,
  caseId: string,
  kind: SubjectKind,
  id: string,
  change: { attach: Input } | { detach: string[] },
) {
  const c = await d.cases.open(actor, { id: caseId }, 'write');
  await load(d.pool, c.id, kind, id);
  const attaching = 'attach' in change;
  const { shas, groups } = attaching
    ? await contentOf(d.pool, c.id, change.attach)
    : { shas: [...new Set(change.detach)], groups: [] };
  const done = await inTransaction(d.pool, async (tx) => {
    const repo = subjectsRepo(tx);
    const hit = attaching ? await repo.attach(id, shas, actor.id) : await repo.detach(id, shas);
    const details = { sha256s: hit, count: hit.length, ...(groups.length ? { nearGroups: groups } : {}) };
    const action = `${kind}.${attaching ? 'attach' : 'detach'}`;
    await d.audit.record(actor, { action, targetType: kind, targetId: id, caseId: c.id, details }, tx);
    return hit;
  });
  if (done.length) await enqueue(d.boss, 'case.suggest', { caseId: c.id });
  return { subject: presentSubject(await load(d.pool, c.id, kind, id)), changed: done.length };
}

export function subjectsService(d: Deps) {
  return {
    async list(actor: Actor, caseId: string, kind: SubjectKind) {
      const c = await d.cases.open(actor, { id: caseId });
      return { items: (await subjectsRepo(d.pool).list(c.id, kind)).map(presentSubject) };
    },
    create: (actor: Actor, caseId: string, kind: SubjectKind, input: Patch & { label: string }) =>
      createSubject(d, actor, caseId, kind, input),
    update: (actor: Actor, caseId: string, kind: SubjectKind, id: string, patch: Patch) =>
      updateSubject(d, actor, caseId, kind, id, patch),
    remove: (actor: Actor, caseId: string, kind: SubjectKind, id: string) => removeSubject(d, actor, caseId, kind, id),
    attach: (actor: Actor, caseId: string, kind: SubjectKind, id: string, input: Input) =>
      changeMedia(d, actor, caseId, kind, id, { attach: input }),
    detach: (actor: Actor, caseId: string, kind: SubjectKind, id: string, sha256s: string[]) =>
      changeMedia(d, actor, caseId, kind, id, { detach: sha256s }),
    async forMedia(actor: Actor, caseId: string, sha256: string) {
      const c = await d.cases.open(actor, { id: caseId });
      return { subjects: await subjectsRepo(d.pool).forMedia(c.id, sha256) };
    },
  };
}
