// Meldingen: register one for a unit, list those the actor may see, open one with its text, attachments
// and selectors. Need-to-know (report-access.ts): for anyone outside it a melding does not exist (404).
import type { PgBoss } from 'pg-boss';
import { inTransaction, type Pool, type Queryable } from '../../storage/db.ts';
import { reportAttachmentsRepo } from '../../storage/repositories/report-attachments.repository.ts';
import {
  reportsRepo,
  type Offence,
  type ReportRow,
  type ReportStatus,
} from '../../storage/repositories/reports.repository.ts';
import { selectorOccurrencesRepo } from '../../storage/repositories/selector-occurrences.repository.ts';
import { usersRepo } from '../../storage/repositories/users.repository.ts';
import { enqueue } from '../../workers/jobs.ts';
import { BadInput, Conflict, Forbidden } from '../errors.ts';
import type { Actor } from './actor.ts';
import type { AuditService } from './audit.service.ts';
import { isUuid } from './cases.service.ts';
import { mayOpenReport, reportNotFound } from './report-access.ts';
import { checkFields, textSha256, type ReportFields } from './report-input.ts';

export type ReportDeps = { pool: Pool; boss: PgBoss; audit: AuditService };
export type ReportListQuery = {
  unit?: string;
  status?: ReportStatus;
  offence?: Offence;
  from?: string;
  to?: string;
  offset?: number;
  limit?: number;
};

/** Loads a melding the actor may open, or throws the need-to-know 404. */
export async function openReport(deps: ReportDeps, actor: Actor, id: string): Promise<ReportRow> {
  const report = isUuid(id) ? await reportsRepo(deps.pool).byId(id) : null;
  if (!report || !mayOpenReport(actor, report.unit_id)) throw reportNotFound();
  return report;
}

const notYourUnit = (unit: string) =>
  new Forbidden({
    nl: `Alleen de frontoffice en teamleiders van ${unit} en beheerders registreren meldingen voor ${unit}.`,
    en: `Only the frontoffice and leads of ${unit} and administrators register meldingen for ${unit}.`,
  });

/** The receiving unit: the actor's own, or (administrators) the one named. */
async function receivingUnit(pool: Queryable, actor: Actor, unit?: string) {
  const users = usersRepo(pool);
  const named = unit ? await users.unitByName(unit) : null;
  if (unit && !named) {
    const known = (await users.units()).map((u) => u.code).join(', ');
    throw new BadInput({
      nl: `Onbekende eenheid "${unit.slice(0, 40)}". Gebruik een van: ${known}.`,
      en: `Unknown unit "${unit.slice(0, 40)}". Use one of: ${known}.`,
    });
  }
  const unitRow = named ?? (await users.units()).find((u) => u.id === actor.unitId)!;
  if (!mayOpenReport(actor, unitRow.id)) throw notYourUnit(unitRow.name);
  return unitRow;
}

const alreadyRegistered = (number: string, unit: string) =>
  new Conflict({
    nl: `Melding ${number} van ${unit} is al geregistreerd. Open die melding, of controleer het nummer.`,
    en: `Melding ${number} of ${unit} is registered already. Open that melding, or check the number.`,
  });

async function createReport(deps: ReportDeps, actor: Actor, input: ReportFields & { unit?: string }) {
  const fields = checkFields(input);
  const unit = await receivingUnit(deps.pool, actor, input.unit);
  const bodySha256 = textSha256(fields.text);
  const id = await inTransaction(deps.pool, async (tx) => {
    const created = await reportsRepo(tx).insert({
      ...fields,
      unitId: unit.id,
      body: fields.text,
      bodySha256,
      createdBy: actor.id,
      createdByName: actor.username,
    });
    if (!created) throw alreadyRegistered(fields.number, unit.name);
    const details = { number: fields.number, unitId: unit.id, bodySha256, source: 'api' };
    await deps.audit.record(actor, { action: 'report.create', targetType: 'report', targetId: created, details }, tx);
    return created;
  });
  await enqueue(deps.boss, 'report.extract', { reportId: id });
  return (await reportsRepo(deps.pool).byId(id))!;
}

/** The units whose meldingen the actor may list (null: all); outside the need-to-know, none (not an error). */
async function listableUnits(deps: ReportDeps, actor: Actor, unit?: string): Promise<number[] | null> {
  if (actor.role === 'admin') return unit ? [(await receivingUnit(deps.pool, actor, unit)).id] : null;
  if (!mayOpenReport(actor, actor.unitId)) return [];
  if (!unit) return [actor.unitId];
  return (await usersRepo(deps.pool).unitByName(unit))?.id === actor.unitId ? [actor.unitId] : [];
}

async function listReports(deps: ReportDeps, actor: Actor, q: ReportListQuery) {
  const unitIds = await listableUnits(deps, actor, q.unit);
  const limit = q.limit ?? 100;
  const offset = q.offset ?? 0;
  const filter = { status: q.status ?? null, offence: q.offence ?? null, from: q.from ?? null, to: q.to ?? null };
  const rows = unitIds?.length === 0 ? [] : await reportsRepo(deps.pool).list({ unitIds, ...filter, offset, limit });
  const details = { ...filter, unitIds, offset, limit, count: rows.length };
  await deps.audit.record(actor, { action: 'report.list', targetType: 'report', details });
  return { rows, next: rows.length === limit ? offset + limit : null };
}

async function reportDetail(deps: ReportDeps, actor: Actor, id: string) {
  const report = await openReport(deps, actor, id);
  const [attachments, selectors] = await Promise.all([
    reportAttachmentsRepo(deps.pool).forReport(report.id),
    selectorOccurrencesRepo(deps.pool).forReport(report.id),
  ]);
  const details = { number: report.number, unitId: report.unit_id };
  await deps.audit.record(actor, { action: 'report.view', targetType: 'report', targetId: report.id, details });
  return { report, attachments, selectors };
}

export function reportsService(pool: Pool, boss: PgBoss, audit: AuditService) {
  const deps: ReportDeps = { pool, boss, audit };
  return {
    open: (actor: Actor, id: string) => openReport(deps, actor, id),
    create: (actor: Actor, input: ReportFields & { unit?: string }) => createReport(deps, actor, input),
    list: (actor: Actor, q: ReportListQuery) => listReports(deps, actor, q),
    detail: (actor: Actor, id: string) => reportDetail(deps, actor, id),
  };
}
