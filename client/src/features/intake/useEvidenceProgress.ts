// Live ingest progress over server-sent events. A dropped stream is re-opened; if the session ended,
// the sign-in overlay appears first (the probe goes through the API wrapper) and the stream resumes after.
import { useEffect, useState } from 'react';
import { api } from '../../api/http.ts';
import type { ProgressView } from '../../api/types.ts';

export function useEvidenceProgress(
  evidenceId: string | null,
  enabled: boolean,
): { progress: ProgressView | null; reconnecting: boolean } {
  const [progress, setProgress] = useState<ProgressView | null>(null);
  const [reconnecting, setReconnecting] = useState(false);
  useEffect(() => {
    if (!evidenceId || !enabled) return;
    let source: EventSource | null = null;
    let stopped = false;
    let timer: number | undefined;
    const open = () => {
      source = new EventSource(`/api/evidence/${encodeURIComponent(evidenceId)}/events`);
      source.addEventListener('progress', (event) => {
        const data = JSON.parse((event as MessageEvent<string>).data) as ProgressView;
        setProgress(data);
        setReconnecting(false);
        if (data.done) {
          stopped = true;
          source?.close();
        }
      });
      source.onerror = () => {
        source?.close();
        if (stopped) return;
        setReconnecting(true);
        // The probe raises the sign-in overlay on a 401 and resolves once the analyst is back.
        api('/api/auth/me')
          .catch(() => undefined)
          .finally(() => {
            if (!stopped) timer = window.setTimeout(open, 1500);
          });
      };
    };
    open();
    return () => {
      stopped = true;
      source?.close();
      window.clearTimeout(timer);
    };
  }, [evidenceId, enabled]);
  return { progress, reconnecting };
}
