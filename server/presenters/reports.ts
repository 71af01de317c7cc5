// Meldingen, their attachments and selector occurrences: row → API shape.
import type { AttachmentRow } from '../../storage/repositories/report-attachments.repository.ts';
import type { ReportListRow, ReportRow } from '../../storage/repositories/reports.repository.ts';
import type { OccurrenceRow } from '../../storage/repositories/selector-occurrences.repository.ts';

type Counted = Partial<Pick<ReportListRow, 'attachments' | 'selectors'>>;

export const presentReport = (r: Omit<ReportRow, 'body'> & Counted) => ({
  id: r.id,
  number: r.number,
  unit: r.unit_name,
  unitCode: r.unit_code,
  unitId: r.unit_id,
  received: r.received,
  offence: r.offence,
  victimMinor: r.victim_minor,
  aangifte: r.aangifte,
  bodySha256: r.body_sha256,
  createdBy: r.created_by_name,
  createdAt: r.created_at.toISOString(),
  status: r.status,
  error: r.error,
  extractedAt: r.extracted_at?.toISOString() ?? null,
  clusterId: r.cluster_id === null ? null : Number(r.cluster_id),
  ...(r.attachments === undefined ? {} : { attachments: r.attachments, selectors: r.selectors }),
});

export const presentAttachment = (a: AttachmentRow) => ({
  id: Number(a.id),
  ordinal: a.ordinal,
  name: a.name,
  sha256: a.sha256,
  size: Number(a.size),
  mime: a.mime,
  kind: a.mime === 'application/pdf' ? ('pdf' as const) : ('image' as const),
  uploadedBy: a.uploaded_by_name,
  uploadedAt: a.uploaded_at.toISOString(),
  ocrStatus: a.ocr_status,
  ocrError: a.ocr_error,
  width: a.width ?? null,
  height: a.height ?? null,
});

const presentOccurrence = (o: OccurrenceRow) => ({
  id: Number(o.id),
  type: o.type,
  value: o.value,
  surface: o.surface,
  source: o.source,
  attachmentId: o.attachment_id === null ? null : Number(o.attachment_id),
  start: o.start_offset,
  end: o.end_offset,
  box: o.box,
  role: o.role,
  platform: o.platform,
  seenAt: o.seen_at,
  repaired: o.repaired,
});

export const presentReportDetail = (d: {
  report: ReportRow;
  attachments: AttachmentRow[];
  selectors: OccurrenceRow[];
}) => ({
  ...presentReport(d.report),
  text: d.report.body,
  attachments: d.attachments.map(presentAttachment),
  selectors: d.selectors.map(presentOccurrence),
});
