// Typed calls for a case's dossiers; shapes are the server's TypeBox schemas (server/schemas/dossiers.ts).
import type { Static } from 'typebox';
import type { DossierJob, DossierKey, DossierVerification } from '../../../../server/schemas/dossiers.ts';
import { api } from '../../api/http.ts';
import { uploadRaw } from '../../api/upload.ts';

export type DossierJobView = Static<typeof DossierJob>;
export type DossierKeyView = Static<typeof DossierKey>;
export type VerificationView = Static<typeof DossierVerification>;

export const dossierApi = {
  list: (caseId: string) => api<DossierJobView[]>(`/api/cases/${caseId}/dossiers`),
  start: (caseId: string) => api<{ jobId: string }>(`/api/cases/${caseId}/dossiers`, { method: 'POST', body: {} }),
  key: (caseId: string) => api<DossierKeyView>(`/api/cases/${caseId}/dossiers/key`),
  zipUrl: (caseId: string, dossierId: string) => `/api/cases/${caseId}/dossiers/${dossierId}/zip`,
  verify: (file: Blob) => uploadRaw<VerificationView>('/api/dossiers/verify', file, () => undefined),
};
