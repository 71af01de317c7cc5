// A new melding's attachments: chosen or dropped before it is registered, then uploaded one by one with progress.
import { useState } from 'react';
import { uploadRaw } from '../../api/upload.ts';
import { useI18n } from '../../i18n/index.tsx';
import { errorText } from '../../ui/bits.tsx';
import { attachmentUploadUrl, type AttachmentView } from './api.ts';

export type PendingFile = {
  key: string;
  file: File;
  loaded: number;
  state: 'queued' | 'uploading' | 'stored' | 'failed';
  message?: string;
};

export function useReportUploads() {
  const { t } = useI18n();
  const [files, setFiles] = useState<PendingFile[]>([]);
  const patch = (key: string, p: Partial<PendingFile>) =>
    setFiles((list) => list.map((f) => (f.key === key ? { ...f, ...p } : f)));

  const add = (picked: File[]) =>
    setFiles((list) => [
      ...list,
      ...picked.map((file, i) => ({
        key: `${Date.now()}-${i}-${file.name}`,
        file,
        loaded: 0,
        state: 'queued' as const,
      })),
    ]);
  const remove = (key: string) => setFiles((list) => list.filter((f) => f.key !== key));

  /** Uploads what is not stored yet; true when every file is stored. */
  async function uploadAll(reportId: string): Promise<boolean> {
    let allStored = true;
    for (const f of files) {
      if (f.state === 'stored') continue;
      patch(f.key, { state: 'uploading', loaded: 0 });
      try {
        await uploadRaw<AttachmentView>(attachmentUploadUrl(reportId, f.file.name), f.file, (p) =>
          patch(f.key, { loaded: p.loaded }),
        );
        patch(f.key, { state: 'stored', loaded: f.file.size });
      } catch (e) {
        allStored = false;
        patch(f.key, { state: 'failed', message: errorText(e, t) });
      }
    }
    return allStored;
  }

  return { files, add, remove, uploadAll };
}
