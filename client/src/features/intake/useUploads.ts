// Uploads of evidence files, one after another, each with its byte progress and outcome.
import { useState } from 'react';
import { uploadEvidenceUrl } from '../../api/endpoints.ts';
import { ApiError } from '../../api/http.ts';
import type { EvidenceView } from '../../api/types.ts';
import { uploadRaw } from '../../api/upload.ts';
import { useI18n } from '../../i18n/index.tsx';
import { errorText } from '../../ui/bits.tsx';

export type Upload = {
  id: number;
  file: File;
  loaded: number;
  state: 'queued' | 'uploading' | 'stored' | 'duplicate' | 'failed';
  message?: string;
  evidenceId?: string;
};

export function useUploads(caseId: string, onStored: () => void) {
  const { t } = useI18n();
  const [uploads, setUploads] = useState<Upload[]>([]);

  const patch = (id: number, p: Partial<Upload>) =>
    setUploads((list) => list.map((u) => (u.id === id ? { ...u, ...p } : u)));

  async function start(files: File[]) {
    const added = files.map((file, i) => ({ id: Date.now() + i, file, loaded: 0, state: 'queued' as const }));
    setUploads((list) => [...added, ...list]);
    for (const u of added) {
      patch(u.id, { state: 'uploading' });
      try {
        const ev = await uploadRaw<EvidenceView>(uploadEvidenceUrl(caseId, u.file.name), u.file, (p) =>
          patch(u.id, { loaded: p.loaded }),
        );
        patch(u.id, { state: 'stored', evidenceId: ev.id, loaded: u.file.size });
        onStored();
      } catch (e) {
        const err = e as ApiError;
        patch(
          u.id,
          err.status === 409
            ? { state: 'duplicate', message: err.message }
            : { state: 'failed', message: errorText(err, t) },
        );
      }
    }
  }

  return { uploads, start };
}
