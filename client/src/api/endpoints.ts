// Typed calls to the Spoor API, one function per route the workbench uses.
import { api, query } from './http.ts';
import type {
  AuditEntry,
  Case,
  CaseCounts,
  CategoriseResult,
  EvidenceView,
  Facets,
  Group,
  HashSet,
  HashSetImport,
  ItemErrorPage,
  LookupResult,
  MatchList,
  MediaDetail,
  MediaPage,
  MemberView,
  Schemes,
  Settings,
  SortName,
  User,
} from './types.ts';

export type MediaFilters = {
  category?: string;
  known?: boolean;
  duplicate?: boolean;
  nearGroup?: number;
  grouped?: boolean;
  hasError?: boolean;
  mime?: string;
  make?: string;
  model?: string;
  hasGps?: boolean;
  from?: string;
  to?: string;
  q?: string;
  device?: string;
  place?: string;
  /** Words in the recognised text (OCR). */
  text?: string;
};

const c = (caseId: string) => `/api/cases/${encodeURIComponent(caseId)}`;
const m = (caseId: string, sha256: string) => `${c(caseId)}/media/${sha256}`;

export const endpoints = {
  me: () => api<{ user: User }>('/api/auth/me', { authRetry: false }),
  login: (username: string, password: string) =>
    api<{ user: User }>('/api/auth/login', { method: 'POST', body: { username, password }, authRetry: false }),
  logout: () => api<{ ok: boolean }>('/api/auth/logout', { method: 'POST', authRetry: false }),
  saveSettings: (patch: Partial<Settings>) => api<{ user: User }>('/api/auth/settings', { method: 'PUT', body: patch }),
  changePassword: (currentPassword: string, newPassword: string) =>
    api<{ user: User }>('/api/auth/password', { method: 'POST', body: { currentPassword, newPassword } }),

  cases: () => api<Case[]>('/api/cases'),
  case: (id: string) => api<Case>(c(id)),
  createCase: (body: { number: string; title: string; unit?: string }) =>
    api<Case>('/api/cases', { method: 'POST', body }),
  counts: (id: string) => api<CaseCounts>(`${c(id)}/counts`),
  units: () => api<Array<{ id: number; code: string; name: string }>>('/api/units'),
  members: (id: string) => api<MemberView[]>(`${c(id)}/members`),
  addMember: (id: string, username: string) =>
    api<MemberView[]>(`${c(id)}/members`, { method: 'POST', body: { username } }),
  removeMember: (id: string, username: string) =>
    api<MemberView[]>(`${c(id)}/members/${encodeURIComponent(username)}`, { method: 'DELETE' }),
  audit: (caseId: string, before?: number) => api<AuditEntry[]>(`/api/audit${query({ caseId, before, limit: 100 })}`),

  evidence: (id: string) => api<EvidenceView[]>(`${c(id)}/evidence`),
  resumeEvidence: (evidenceId: string) =>
    api<{ evidenceId: string; unpack: boolean; blobs: number; reopened: number }>(
      `/api/evidence/${encodeURIComponent(evidenceId)}/resume`,
      { method: 'POST' },
    ),
  itemErrors: (id: string, after: number) => api<ItemErrorPage>(`${c(id)}/item-errors${query({ after, limit: 200 })}`),

  categories: () => api<Schemes>('/api/categories'),
  media: (
    id: string,
    f: MediaFilters & { sort: SortName; after?: string | null; limit: number },
    signal?: AbortSignal,
  ) => api<MediaPage>(`${c(id)}/media${query(f)}`, { signal }),
  facets: (id: string) => api<Facets>(`${c(id)}/media/facets`),
  detail: (id: string, sha256: string, signal?: AbortSignal) => api<MediaDetail>(m(id, sha256), { signal }),
  matches: (id: string, sha256: string, signal?: AbortSignal) => api<MatchList>(`${m(id, sha256)}/matches`, { signal }),
  reveal: (id: string, sha256: string) =>
    api<{ sha256: string; auditId: number; expiresAt: string }>(`${m(id, sha256)}/reveal`, { method: 'POST' }),
  categorise: (id: string, sha256s: string[], category: string | null, scheme: string, undo = false) =>
    api<CategoriseResult>(`${c(id)}/media/categorise`, {
      method: 'POST',
      body: { sha256s, category, scheme, ...(undo ? { undo } : {}) },
    }),
  categoriseGroups: (id: string, nearGroups: number[], category: string | null, scheme: string) =>
    api<CategoriseResult>(`${c(id)}/media/categorise-group`, {
      method: 'POST',
      body: { nearGroups, category, scheme },
    }),
  saveNotes: (id: string, sha256: string, notes: string) =>
    api<{ sha256: string; notes: string | null }>(`${m(id, sha256)}/notes`, { method: 'PUT', body: { notes } }),
  groups: (id: string, after: number) =>
    api<{ groups: Group[]; next: number | null }>(`${c(id)}/groups${query({ after, limit: 120 })}`),

  lookup: (body: Record<string, string | number>) => api<LookupResult>('/api/lookup', { method: 'POST', body }),
  hashSets: () => api<HashSet[]>('/api/hashsets'),
  hashSetImport: (importId: string) => api<HashSetImport>(`/api/hashsets/imports/${encodeURIComponent(importId)}`),
};

/** The server sends a greyscale, blurred rendition; only with the id of one's own fresh reveal the sharp one. */
export const thumbnailUrl = (caseId: string, sha256: string, revealId: number | null = null) =>
  `${m(caseId, sha256)}/thumbnail${revealId === null ? '' : `?reveal=${revealId}`}`;
export const uploadEvidenceUrl = (caseId: string, name: string) => `${c(caseId)}/evidence${query({ name })}`;
