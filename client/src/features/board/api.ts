// Typed calls for the victim-identification board: victims, series, clue notes and suggestions (server schemas), and
// the clue routes other work adds (text, devices, places), which may not exist yet: those answer null on 404.
import type { Static } from 'typebox';
import type { TextSearchResult } from '../../../../server/schemas/case-text.ts';
import type { DeviceList, PlaceList, Timeline } from '../../../../server/schemas/devices.ts';
import type { ClueNote, Subject, Suggestion } from '../../../../server/schemas/subjects.ts';
import { api, ApiError, query } from '../../api/http.ts';

export type SubjectView = Static<typeof Subject>;
export type SubjectKind = SubjectView['kind'];
export type ClueNoteView = Static<typeof ClueNote>;
export type Box = ClueNoteView['box'];
export type SuggestionView = Static<typeof Suggestion>;

export type TextResult = Static<typeof TextSearchResult>;
export type Device = Static<typeof DeviceList>['devices'][number];
export type Place = Static<typeof PlaceList>['places'][number];
export type TimelineView = Static<typeof Timeline>;

const c = (caseId: string) => `/api/cases/${caseId}`;
const path = (kind: SubjectKind) => (kind === 'victim' ? 'victims' : 'series');

/** A route another part of the work adds: null while it is not there (404), so the board says "not yet". */
async function optional<T>(url: string): Promise<T | null> {
  try {
    return await api<T>(url);
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return null;
    throw error;
  }
}

export const boardApi = {
  subjects: (caseId: string, kind: SubjectKind) =>
    api<{ items: SubjectView[] }>(`${c(caseId)}/${path(kind)}`).then((r) => r.items),
  createSubject: (caseId: string, kind: SubjectKind, body: { label: string; description?: string }) =>
    api<SubjectView>(`${c(caseId)}/${path(kind)}`, { method: 'POST', body }),
  updateSubject: (caseId: string, kind: SubjectKind, id: string, body: { identified?: boolean }) =>
    api<SubjectView>(`${c(caseId)}/${path(kind)}/${id}`, { method: 'PATCH', body }),
  attach: (caseId: string, kind: SubjectKind, id: string, body: { sha256s?: string[]; nearGroups?: number[] }) =>
    api<{ subject: SubjectView; changed: number }>(`${c(caseId)}/${path(kind)}/${id}/attach`, { method: 'POST', body }),
  detach: (caseId: string, kind: SubjectKind, id: string, sha256s: string[]) =>
    api<{ subject: SubjectView; changed: number }>(`${c(caseId)}/${path(kind)}/${id}/detach`, {
      method: 'POST',
      body: { sha256s },
    }),

  clueNotes: (caseId: string) => api<{ notes: ClueNoteView[] }>(`${c(caseId)}/clue-notes`).then((r) => r.notes),
  addClueNote: (caseId: string, body: { sha256: string; box: Box; text: string }) =>
    api<ClueNoteView>(`${c(caseId)}/clue-notes`, { method: 'POST', body }),
  removeClueNote: (caseId: string, id: number) =>
    api<{ ok: boolean }>(`${c(caseId)}/clue-notes/${id}`, { method: 'DELETE' }),

  suggestions: () => api<{ suggestions: SuggestionView[] }>('/api/suggestions').then((r) => r.suggestions),
  decide: (id: number, verb: 'accept' | 'dismiss') =>
    api<SuggestionView>(`/api/suggestions/${id}/${verb}`, { method: 'POST' }),

  text: (caseId: string, q: string) => optional<TextResult>(`${c(caseId)}/text${query({ q, limit: 50 })}`),
  devices: (caseId: string) => optional<{ devices: Device[] }>(`${c(caseId)}/devices`),
  places: (caseId: string) => optional<{ places: Place[] }>(`${c(caseId)}/places`),
  timeline: (caseId: string) => optional<TimelineView>(`${c(caseId)}/timeline`),
  /** A few of the case's media for the clue-note picker (the grid's first page). */
  firstMedia: (caseId: string) =>
    api<{ items: Array<{ sha256: string; firstPath: string; hasThumbnail: boolean; mime: string | null }> }>(
      `${c(caseId)}/media${query({ limit: 48 })}`,
    ).then((r) => r.items),
};
