// Typed calls for meldingen, signals, clusters and the selector lists; shapes are the server's TypeBox schemas.
import type { Static } from 'typebox';
import type { Attachment, Report, ReportDetail } from '../../../../server/schemas/reports.ts';
import type {
  Hub,
  HubDecided,
  PublicChange,
  PublicSelector,
  SelectorLookupResult,
} from '../../../../server/schemas/selectors.ts';
import type { Cluster, ReportLinks, Signal, SignalDetail } from '../../../../server/schemas/signals.ts';
import { api, query } from '../../api/http.ts';

export type ReportView = Static<typeof Report>;
export type ReportDetailView = Static<typeof ReportDetail>;
export type AttachmentView = Static<typeof Attachment>;
export type Occurrence = ReportDetailView['selectors'][number];
export type ClusterView = Static<typeof Cluster>;
export type ReportRefView = ClusterView['reports'][number];
export type LinksView = Static<typeof ReportLinks>;
export type SignalView = Static<typeof Signal>;
export type SignalDetailView = Static<typeof SignalDetail>;
export type PublicSelectorView = Static<typeof PublicSelector>;
export type HubView = Static<typeof Hub>;
export type SelectorLookup = Static<typeof SelectorLookupResult>;

export type ReportFilters = { status?: string; offence?: string; from?: string; to?: string; unit?: string };
export type NewReport = {
  number: string;
  received: string;
  offence: string | null;
  victimMinor: boolean;
  aangifte: boolean;
  text: string;
  unit?: string;
};

const r = (id: string) => `/api/reports/${encodeURIComponent(id)}`;
const s = (id: number) => `/api/signals/${id}`;

export const reportsApi = {
  list: (f: ReportFilters, offset = 0) =>
    api<{ reports: ReportView[]; next: number | null }>(`/api/reports${query({ ...f, offset, limit: 200 })}`),
  create: (body: NewReport) => api<ReportView>('/api/reports', { method: 'POST', body }),
  detail: (id: string) => api<ReportDetailView>(r(id)),
  links: (id: string) => api<LinksView>(`${r(id)}/links`),
  reveal: (id: string, attachmentId: number) =>
    api<{ auditId: number; expiresAt: string }>(`${r(id)}/attachments/${attachmentId}/reveal`, { method: 'POST' }),
  cluster: (id: number) => api<ClusterView>(`/api/clusters/${id}`),

  signals: (state?: string) => api<{ signals: SignalView[]; next: number | null }>(`/api/signals${query({ state })}`),
  signal: (id: number) => api<SignalDetailView>(s(id)),
  acknowledge: (id: number) => api<SignalView>(`${s(id)}/acknowledge`, { method: 'POST' }),
  assign: (id: number, assignee: string) => api<SignalView>(`${s(id)}/assign`, { method: 'POST', body: { assignee } }),
  close: (id: number, note: string) => api<SignalView>(`${s(id)}/close`, { method: 'POST', body: { note } }),

  publicList: () => api<{ selectors: PublicSelectorView[] }>('/api/selectors/public'),
  addPublic: (selector: string, note: string) =>
    api<Static<typeof PublicChange>>('/api/selectors/public', { method: 'POST', body: { selector, note } }),
  removePublic: (type: string, value: string) =>
    api<Static<typeof PublicChange>>(`/api/selectors/public/${type}/${encodeURIComponent(value)}`, {
      method: 'DELETE',
    }),
  hubs: () => api<{ hubs: HubView[] }>('/api/selectors/hubs'),
  decideHub: (type: string, selector: string, state: 'public' | 'offender') =>
    api<Static<typeof HubDecided>>('/api/selectors/hubs/decide', { method: 'POST', body: { type, selector, state } }),

  lookupSelector: (selector: string) =>
    api<SelectorLookup>('/api/lookup/selector', { method: 'POST', body: { selector } }),
};

export const attachmentImageUrl = (reportId: string, attachmentId: number, revealId: number | null = null) =>
  `${r(reportId)}/attachments/${attachmentId}/image${revealId === null ? '' : `?reveal=${revealId}`}`;
export const attachmentFileUrl = (reportId: string, attachmentId: number) =>
  `${r(reportId)}/attachments/${attachmentId}/file`;
export const attachmentUploadUrl = (reportId: string, name: string) => `${r(reportId)}/attachments${query({ name })}`;
