// Typed calls for videos: detail, the strip's address (safe, or sharp with one's own reveal) and audited playback.
import type { Static } from 'typebox';
import type { PlayGrant, VideoDetail } from '../../../../server/schemas/video.ts';
import { api } from '../../api/http.ts';

export type VideoView = Static<typeof VideoDetail>;

const m = (caseId: string, sha256: string) => `/api/cases/${caseId}/media/${sha256}`;

export const videoApi = {
  detail: (caseId: string, sha256: string, signal?: AbortSignal) =>
    api<VideoView>(`${m(caseId, sha256)}/video`, { signal }),
  /** An explicit press of play: audited by the server; its id unlocks the bytes for a short time. */
  play: (caseId: string, sha256: string) =>
    api<Static<typeof PlayGrant>>(`${m(caseId, sha256)}/play`, { method: 'POST' }),
};

/** Without `revealId` the server's greyscale, blurred strip; with one's own fresh reveal id the sharp one. */
export const stripUrl = (caseId: string, sha256: string, revealId: number | null) =>
  `${m(caseId, sha256)}/strip${revealId === null ? '' : `?reveal=${revealId}`}`;

export const streamUrl = (caseId: string, sha256: string, playId: number) =>
  `${m(caseId, sha256)}/stream?play=${playId}`;

/** 75 → "1:15", 3725 → "1:02:05". */
export function formatDuration(seconds: number | null): string {
  if (seconds === null) return '?';
  const s = Math.round(seconds);
  const [h, mm, ss] = [Math.floor(s / 3600), Math.floor((s % 3600) / 60), s % 60];
  const pad = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${pad(mm)}:${pad(ss)}` : `${mm}:${pad(ss)}`;
}
