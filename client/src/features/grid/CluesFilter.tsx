// The filter panel's device / place / time section. The case's bodies and places are views of cross-case links and
// positions, so they are fetched (and audited) only when the analyst opens the section, not on every grid load.
import { useState } from 'react';
import type { Static } from 'typebox';
import type { DeviceList, PlaceList } from '../../../../server/schemas/devices.ts';
import { api } from '../../api/http.ts';
import type { MediaFilters } from '../../api/endpoints.ts';
import { useI18n } from '../../i18n/index.tsx';
import './clues-filter.css';

type Devices = Static<typeof DeviceList>['devices'];

type Loaded = { devices: Devices; places: string[] } | 'loading' | null;

const casePath = (caseId: string) => `/api/cases/${encodeURIComponent(caseId)}`;

/** Place and municipality names of the case's positions, most frequent first. */
export function placeNames(places: Static<typeof PlaceList>['places']): string[] {
  const counts = new Map<string, number>();
  for (const p of places)
    for (const name of [p.place, p.municipality]) if (name) counts.set(name, (counts.get(name) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([name]) => name);
}

async function loadClues(caseId: string) {
  const [devices, places] = await Promise.all([
    api<Static<typeof DeviceList>>(`${casePath(caseId)}/devices`),
    api<Static<typeof PlaceList>>(`${casePath(caseId)}/places`),
  ]);
  return { devices: devices.devices, places: placeNames(places.places) };
}

type Props = { caseId: string; f: MediaFilters; set: (patch: Partial<MediaFilters>) => void };

export function CluesFilter({ caseId, f, set }: Props) {
  const { t } = useI18n();
  const [loaded, setLoaded] = useState<Loaded>(null);
  const [place, setPlace] = useState(f.place ?? '');
  const open = Boolean(f.device || f.place);
  const load = () => {
    if (loaded !== null) return;
    setLoaded('loading');
    loadClues(caseId).then(setLoaded, () => setLoaded({ devices: [], places: [] }));
  };
  const devices = typeof loaded === 'object' && loaded ? loaded.devices : [];
  return (
    <details className="clues-filter" open={open} onToggle={(e) => e.currentTarget.open && load()}>
      <summary>{t('clues.summary')}</summary>
      <label>
        {t('clues.device')}
        <select value={f.device ?? ''} onChange={(e) => set({ device: e.target.value || undefined })}>
          <option value="">{loaded === 'loading' ? t('clues.device.loading') : t('filters.any')}</option>
          {devices.map((d) => (
            <option key={d.id} value={d.id}>
              {t('clues.device.option', { make: d.make, model: d.model ?? '', serial: d.serial, n: d.items })}
              {d.otherCases.length > 0 ? ` · ${t('clues.device.elsewhere', { n: d.otherCases.length })}` : ''}
            </option>
          ))}
        </select>
      </label>
      {loaded !== null && loaded !== 'loading' && devices.length === 0 && (
        <p className="muted">{t('clues.device.none')}</p>
      )}
      <label title={t('clues.place.hint')}>
        {t('clues.place')}
        <input
          type="search"
          list={`clue-places-${caseId}`}
          value={place}
          onChange={(e) => setPlace(e.target.value)}
          onBlur={() => set({ place: place.trim() || undefined })}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              set({ place: place.trim() || undefined });
            }
          }}
        />
        <datalist id={`clue-places-${caseId}`}>
          {(typeof loaded === 'object' && loaded ? loaded.places : []).map((p) => (
            <option key={p} value={p} />
          ))}
        </datalist>
      </label>
      <p className="muted">{t('clues.time')}</p>
    </details>
  );
}
