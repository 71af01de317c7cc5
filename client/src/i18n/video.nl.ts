// Dutch strings of videos (strip, playback, grid marker); en in video.en.ts.
export const videoNl = {
  'video.title': 'Video',
  'video.play': 'Afspelen (zonder geluid)',
  'video.playerLabel': 'Videospeler, zonder geluid',
  'video.pending': 'De video wordt nog verwerkt; de strook volgt.',
  'video.facts': '{d} · {n} beelden bemonsterd · {c}',
  'video.stripAlt': 'Strook van {n} beelden uit de video',
  'video.alike': 'Lijkt op {n} andere video’s in deze zaak (zelfde beelden).',
  'video.tile': 'Video van {d}',
};
