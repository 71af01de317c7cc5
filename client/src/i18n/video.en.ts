// English strings of videos (strip, playback, grid marker); nl in video.nl.ts.
import type { videoNl } from './video.nl.ts';

export const videoEn: Record<keyof typeof videoNl, string> = {
  'video.title': 'Video',
  'video.play': 'Play (muted)',
  'video.playerLabel': 'Video player, muted',
  'video.pending': 'The video is still being processed; the strip follows.',
  'video.facts': '{d} · {n} frames sampled · {c}',
  'video.stripAlt': 'Strip of {n} frames from the video',
  'video.alike': 'Alike to {n} other videos in this case (same frames).',
  'video.tile': 'Video of {d}',
};
