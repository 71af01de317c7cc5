// Selectors read from a case's media (case_selector_occurrences) and the case ↔ melding links they make
// (case_report_links), answered through the same (type, value) keys as the meldingen's selector index.
import { exec, many, type Queryable } from '../db.ts';
import type { HubState } from './hubs.repository.ts';
import type { SelectorKey } from './report-links.repository.ts';

export type CaseOccurrence = {
  type: string;
  value: string;
  surface: string;
  box: { x0: number; y0: number; x1: number; y1: number } | null;
  role: 'offender' | 'unknown' | 'victim' | 'reporter';
  platform: string | null;
  repaired: boolean;
};

export type CaseSelectorRow = SelectorKey & {
  role: CaseOccurrence['role'];
  items: number;
  hub: HubState | null;
  reports: string[];
  cases: string[];
};

/** Roles that may link, as for meldingen (011_reports.sql): the victim's and reporter's own details never do. */
const LINKABLE = "('offender', 'unknown')";

const sql = {
  deleteFor: 'DELETE FROM case_selector_occurrences WHERE case_id = $1 AND sha256 = $2',
  insertMany: `INSERT INTO case_selector_occurrences (case_id, sha256, type, value, surface, box, role, platform, repaired)
    SELECT $1, $2, * FROM unnest($3::text[], $4::text[], $5::text[], $6::jsonb[], $7::text[], $8::text[], $9::boolean[])`,
  // The case's distinct selectors that may link, with their hub state.
  linkable: `SELECT DISTINCT o.type, o.value, h.state AS hub FROM case_selector_occurrences o
    LEFT JOIN selector_hubs h ON h.type = o.type AND h.value = o.value
    WHERE o.case_id = $1 AND o.role IN ${LINKABLE}`,
  // Links that are new are returned: each is told to the melding's frontoffice once.
  link: `INSERT INTO case_report_links (case_id, report_id, type, value)
    SELECT $1, * FROM unnest($2::uuid[], $3::text[], $4::text[]) ON CONFLICT DO NOTHING
    RETURNING report_id, type, value`,
  // Every case carrying one of a melding's linkable selectors, as a linkable role too.
  casesCarrying: `SELECT DISTINCT o.case_id, o.type, o.value FROM unnest($1::text[], $2::text[]) AS q(type, value)
    JOIN case_selector_occurrences o ON o.type = q.type AND o.value = q.value WHERE o.role IN ${LINKABLE}`,
  // A selector made public or a hub: the links it made are undone, and told (audited) per case.
  unlinkSelector: `DELETE FROM case_report_links WHERE type = $1 AND value = $2
    RETURNING case_id, report_id, type, value`,
  // The case a 'case-link' signal names (signals.case_id, 014).
  nameCase: 'UPDATE signals SET case_id = $2 WHERE id = $1',
  // A case's selectors with where else they occur: meldingen and other cases, as linkable roles only.
  listing: `SELECT o.type, o.value,
      (array_agg(o.role ORDER BY array_position(ARRAY['offender', 'unknown', 'reporter', 'victim'], o.role)))[1] AS role,
      count(DISTINCT o.sha256)::int AS items, h.state AS hub,
      array(SELECT DISTINCT s.report_id::text FROM selector_occurrences s
        WHERE s.type = o.type AND s.value = o.value AND s.role IN ${LINKABLE}) AS reports,
      array(SELECT DISTINCT c.case_id::text FROM case_selector_occurrences c
        WHERE c.type = o.type AND c.value = o.value AND c.case_id <> $1 AND c.role IN ${LINKABLE}) AS cases
    FROM case_selector_occurrences o LEFT JOIN selector_hubs h ON h.type = o.type AND h.value = o.value
    WHERE o.case_id = $1 GROUP BY o.type, o.value, h.state ORDER BY o.type, o.value`,
};

const column = <K extends keyof CaseOccurrence>(rows: CaseOccurrence[], key: K) => rows.map((r) => r[key]);

export const caseSelectorsRepo = (db: Queryable) => ({
  /** Replaces what one content of the case yielded; inside a transaction a retry never sees half a set. */
  replaceFor: async (caseId: string, sha256: string, rows: CaseOccurrence[]) => {
    await exec(db, sql.deleteFor, [caseId, sha256]);
    if (rows.length === 0) return 0;
    return exec(db, sql.insertMany, [
      caseId,
      sha256,
      column(rows, 'type'),
      column(rows, 'value'),
      column(rows, 'surface'),
      rows.map((r) => (r.box ? JSON.stringify(r.box) : null)),
      column(rows, 'role'),
      column(rows, 'platform'),
      column(rows, 'repaired'),
    ]);
  },
  linkable: (caseId: string) => many<SelectorKey & { hub: HubState | null }>(db, sql.linkable, [caseId]),
  link: (caseId: string, links: Array<SelectorKey & { report_id: string }>) =>
    links.length === 0
      ? Promise.resolve([])
      : many<SelectorKey & { report_id: string }>(db, sql.link, [
          caseId,
          links.map((l) => l.report_id),
          links.map((l) => l.type),
          links.map((l) => l.value),
        ]),
  casesCarrying: (keys: readonly SelectorKey[]) =>
    keys.length === 0
      ? Promise.resolve([])
      : many<SelectorKey & { case_id: string }>(db, sql.casesCarrying, [
          keys.map((k) => k.type),
          keys.map((k) => k.value),
        ]),
  unlinkSelector: (key: SelectorKey) =>
    many<SelectorKey & { case_id: string; report_id: string }>(db, sql.unlinkSelector, [key.type, key.value]),
  nameCase: (signalId: number, caseId: string) => exec(db, sql.nameCase, [signalId, caseId]),
  listing: (caseId: string) => many<CaseSelectorRow>(db, sql.listing, [caseId]),
});
