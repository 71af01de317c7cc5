// Links between meldingen that share an offender's selector (a < b, one row per shared selector), and the
// occurrences linking reads: the index on selector_occurrences (type, value) answers every question here.
import { exec, many, one, type Queryable } from '../db.ts';
import type { HubState } from './hubs.repository.ts';

export type LinkRow = { a: string; b: string; type: string; value: string };
export type SelectorKey = { type: string; value: string };
export type LinkingState = {
  unit_id: number;
  cluster_id: number | null;
  /** Distinct (type, value) of offender/unknown role, with the hub state where it is one. */
  selectors: Array<SelectorKey & { hub: HubState | null }>;
  links: LinkRow[];
};
export type CarrierRow = SelectorKey & { report_id: string; unit_id: number; cluster_id: number | null };

/** Roles that may link: the victim's and the reporter's own details never do (011_reports.sql). */
const LINKABLE = "('offender', 'unknown')";

const sql = {
  // Everything linking needs of one melding in one round trip: its unit and cluster, its distinct selectors that
  // may link with their hub state, and the links it has now.
  state: `SELECT r.unit_id, r.cluster_id,
      coalesce((SELECT json_agg(json_build_object('type', s.type, 'value', s.value, 'hub', h.state))
        FROM (SELECT DISTINCT type, value FROM selector_occurrences WHERE report_id = r.id AND role IN ${LINKABLE}) s
        LEFT JOIN selector_hubs h ON h.type = s.type AND h.value = s.value), '[]') AS selectors,
      coalesce((SELECT json_agg(json_build_object('a', l.a, 'b', l.b, 'type', l.type, 'value', l.value))
        FROM report_links l WHERE l.a = r.id OR l.b = r.id), '[]') AS links
    FROM reports r WHERE r.id = $1`,
  // Every other melding carrying one of the values, as a linkable role too.
  carriers: `SELECT DISTINCT o.type, o.value, o.report_id, r.unit_id, r.cluster_id
    FROM unnest($1::text[], $2::text[]) AS q(type, value)
    JOIN selector_occurrences o ON o.type = q.type AND o.value = q.value
    JOIN reports r ON r.id = o.report_id
    WHERE o.report_id <> $3 AND o.role IN ${LINKABLE}`,
  carrierIds: `SELECT DISTINCT report_id FROM selector_occurrences
    WHERE type = $1 AND value = $2 AND role IN ${LINKABLE} ORDER BY report_id`,
  insertMany: `INSERT INTO report_links (a, b, type, value)
    SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[]) ON CONFLICT DO NOTHING`,
  deleteMany: `DELETE FROM report_links l USING unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[]) AS d(a, b, t, v)
    WHERE l.a = d.a AND l.b = d.b AND l.type = d.t AND l.value = d.v`,
  deleteBySelector: 'DELETE FROM report_links WHERE type = $1 AND value = $2 RETURNING a, b, type, value',
  // Links among a set of meldingen made by any selector but one: are they one series apart from it?
  amongExcept: `SELECT a, b, type, value FROM report_links
    WHERE a = ANY($1::uuid[]) AND b = ANY($1::uuid[]) AND NOT (type = $2 AND value = $3)`,
  // `spoor report selectors`: every occurrence with its melding's number and unit and its attachment's name.
  listing: `SELECT r.number AS report, un.code AS unit, o.type, o.value, o.surface, o.source, a.name AS attachment,
      o.role
    FROM selector_occurrences o JOIN reports r ON r.id = o.report_id JOIN units un ON un.id = r.unit_id
    LEFT JOIN report_attachments a ON a.id = o.attachment_id
    WHERE ($1::uuid IS NULL OR o.report_id = $1)
    ORDER BY un.code, r.number, o.source DESC, a.ordinal NULLS FIRST, o.start_offset, o.id`,
  // A melding named on the command line: by id, or by number (a number may recur in another unit).
  reportsByRef: `SELECT r.id, r.number, un.code AS unit FROM reports r JOIN units un ON un.id = r.unit_id
    WHERE r.id::text = lower($1) OR r.number = $1 ORDER BY un.code`,
  // `spoor report clusters`: every link of every cluster, by melding number.
  clustered: `SELECT ra.cluster_id AS cluster, ra.number AS a, rb.number AS b, l.type, l.value
    FROM report_links l JOIN reports ra ON ra.id = l.a JOIN reports rb ON rb.id = l.b
    WHERE ra.cluster_id IS NOT NULL ORDER BY ra.cluster_id, ra.number, rb.number, l.type, l.value`,
  // "Has anyone reported this before?": each melding carrying the value once, with how it was first written there.
  occurrencesOf: `SELECT DISTINCT ON (o.report_id) o.report_id, o.surface FROM selector_occurrences o
    WHERE o.type = $1 AND o.value = $2 ORDER BY o.report_id, o.source DESC, o.id`,
  // "Lijkt op" candidates: values of the type sharing an indexed half with the value (near-keys.ts, 011_reports.sql).
  nearCandidates: `SELECT DISTINCT o.value, o.report_id FROM selector_occurrences o
    WHERE o.type = $1 AND (selector_near_head(o.type, o.value) = ANY($2::text[])
        OR selector_near_tail(o.type, o.value) = ANY($3::text[]))
      AND o.value <> $4 AND o.report_id <> $5 AND o.role IN ${LINKABLE}
    LIMIT 5000`,
  // Both ends of a link are always in the same cluster, so the first end tells.
  inCluster: `SELECT l.a, l.b, l.type, l.value FROM report_links l JOIN reports r ON r.id = l.a
    WHERE r.cluster_id = $1 ORDER BY l.a, l.b, l.type, l.value`,
};

const columns = (links: readonly LinkRow[]) => [
  links.map((l) => l.a),
  links.map((l) => l.b),
  links.map((l) => l.type),
  links.map((l) => l.value),
];

export const reportLinksRepo = (db: Queryable) => ({
  state: (reportId: string) => one<LinkingState>(db, sql.state, [reportId]),
  carriers: (keys: readonly SelectorKey[], exceptReport: string) =>
    many<CarrierRow>(db, sql.carriers, [keys.map((k) => k.type), keys.map((k) => k.value), exceptReport]),
  carrierIds: async (key: SelectorKey) =>
    (await many<{ report_id: string }>(db, sql.carrierIds, [key.type, key.value])).map((r) => r.report_id),
  insertMany: (links: readonly LinkRow[]) => (links.length ? exec(db, sql.insertMany, columns(links)) : 0),
  deleteMany: (links: readonly LinkRow[]) => (links.length ? exec(db, sql.deleteMany, columns(links)) : 0),
  deleteBySelector: (key: SelectorKey) => many<LinkRow>(db, sql.deleteBySelector, [key.type, key.value]),
  amongExcept: (ids: readonly string[], except: SelectorKey) =>
    many<LinkRow>(db, sql.amongExcept, [ids, except.type, except.value]),
  inCluster: (clusterId: number) => many<LinkRow>(db, sql.inCluster, [clusterId]),
  listing: (reportId: string | null) =>
    many<{
      report: string;
      unit: string;
      type: string;
      value: string;
      surface: string;
      source: 'text' | 'attachment';
      attachment: string | null;
      role: string;
    }>(db, sql.listing, [reportId]),
  reportsByRef: (ref: string) => many<{ id: string; number: string; unit: string }>(db, sql.reportsByRef, [ref]),
  clustered: () => many<LinkRow & { cluster: number }>(db, sql.clustered),
  occurrencesOf: (key: SelectorKey) =>
    many<{ report_id: string; surface: string }>(db, sql.occurrencesOf, [key.type, key.value]),
  nearCandidates: (key: SelectorKey, halves: { heads: string[]; tails: string[] }, exceptReport: string) =>
    many<{ value: string; report_id: string }>(db, sql.nearCandidates, [
      key.type,
      halves.heads,
      halves.tails,
      key.value,
      exceptReport,
    ]),
});
