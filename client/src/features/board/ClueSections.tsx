// The clue sections that read routes of the other victim-identification work: text found in images, devices with
// their cross-case hits, and places and times. Each says "not available yet" while its route answers 404.
import { useEffect, useState, type FormEvent, type ReactNode, type RefObject } from 'react';
import { useI18n } from '../../i18n/index.tsx';
import { ErrorNote } from '../../ui/bits.tsx';
import { boardApi, type Device, type Place, type TextResult, type TimelineView } from './api.ts';

/** Loading, a calm "not yet" (route absent), an error, or the content. */
function Loaded<T>({
  value,
  error,
  children,
}: {
  value: T | null | undefined;
  error: unknown;
  children: (v: T) => ReactNode;
}) {
  const { t } = useI18n();
  if (error) return <ErrorNote error={error} />;
  if (value === undefined) return <p className="muted">{t('common.loading')}</p>;
  if (value === null) return <p className="muted board-not-yet">{t('board.notYet')}</p>;
  return <>{children(value)}</>;
}

function useOptional<T>(load: () => Promise<T | null>, deps: unknown[]) {
  const [value, setValue] = useState<T | null | undefined>(undefined);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    load().then(setValue, setError);
  }, deps);
  return { value, error };
}

export function TextSection({ caseId, searchRef }: { caseId: string; searchRef: RefObject<HTMLInputElement | null> }) {
  const { t } = useI18n();
  const [q, setQ] = useState('');
  const [result, setResult] = useState<TextResult | null | undefined>(undefined);
  const [error, setError] = useState<unknown>(null);
  const search = (e: FormEvent) => {
    e.preventDefault();
    if (q.trim()) boardApi.text(caseId, q.trim()).then(setResult, setError);
  };
  return (
    <>
      <form className="board-form" role="search" onSubmit={search}>
        <label>
          {t('board.text.search')}
          <input ref={searchRef} type="search" value={q} onChange={(e) => setQ(e.target.value)} />
        </label>
        <button type="submit">{t('board.text.go')}</button>
      </form>
      {(result !== undefined || error !== null) && (
        <Loaded value={result} error={error}>
          {(r) =>
            r.matches.length === 0 ? (
              <p className="muted">{t('board.text.none')}</p>
            ) : (
              <>
                <p className="muted">{t('board.text.total', { n: r.total })}</p>
                <ul>
                  {r.matches.map((m) => (
                    <li key={`${m.sha256}-${m.path}`}>
                      <code>{m.path}</code> — {m.snippet}
                    </li>
                  ))}
                </ul>
              </>
            )
          }
        </Loaded>
      )}
    </>
  );
}

function DeviceRow({ d }: { d: Device }) {
  const { t, fmt } = useI18n();
  return (
    <li>
      <strong>
        {[d.make, d.model].filter(Boolean).join(' ')} · <code>{d.serial}</code>
      </strong>{' '}
      <span className="muted">
        {t('board.devices.items', { n: d.items })} · {fmt.dateTime(d.first)} – {fmt.dateTime(d.last)}
      </span>
      <ul>
        {(d.otherCases ?? []).map((o) => (
          <li key={o.number}>
            {o.visible
              ? t('board.devices.other', { number: o.number, unit: o.unit })
              : t('board.devices.otherHidden', { number: o.number, unit: o.unit, contact: o.contact ?? '—' })}
          </li>
        ))}
      </ul>
    </li>
  );
}

export function DevicesSection({ caseId }: { caseId: string }) {
  const { t } = useI18n();
  const { value, error } = useOptional(() => boardApi.devices(caseId), [caseId]);
  return (
    <Loaded value={value} error={error}>
      {(r) =>
        r.devices.length === 0 ? (
          <p className="muted">{t('board.devices.none')}</p>
        ) : (
          <ul>
            {r.devices.map((d) => (
              <DeviceRow key={d.id} d={d} />
            ))}
          </ul>
        )
      }
    </Loaded>
  );
}

function TimelineList({ timeline }: { timeline: TimelineView }) {
  const { t, fmt } = useI18n();
  return (
    <ul>
      {timeline.devices.map((d) => (
        <li key={d.deviceId ?? d.label}>
          <strong>{d.label}</strong> {t('board.devices.items', { n: d.times.length })} ·{' '}
          {fmt.dateTime(d.times[0]?.taken ?? null)} – {fmt.dateTime(d.times[d.times.length - 1]?.taken ?? null)}
        </li>
      ))}
    </ul>
  );
}

export function PlacesSection({ caseId }: { caseId: string }) {
  const { t, fmt } = useI18n();
  const { value, error } = useOptional(() => boardApi.places(caseId), [caseId]);
  const timeline = useOptional(() => boardApi.timeline(caseId), [caseId]);
  const name = (p: Place) => [p.place, p.municipality, p.country].filter(Boolean).join(', ');
  return (
    <>
      <Loaded value={value} error={error}>
        {(r) =>
          r.places.length === 0 ? (
            <p className="muted">{t('board.places.none')}</p>
          ) : (
            <ul>
              {r.places.map((p) => (
                <li key={`${p.sha256}-${p.path}`}>
                  <code>{p.path}</code> — {p.lat.toFixed(5)}, {p.lon.toFixed(5)} {name(p) && `(${name(p)})`}{' '}
                  <span className="muted">{fmt.dateTime(p.taken)}</span>
                </li>
              ))}
            </ul>
          )
        }
      </Loaded>
      <h3>{t('board.times')}</h3>
      <Loaded value={timeline.value} error={timeline.error}>
        {(r) =>
          r.devices.length === 0 ? <p className="muted">{t('board.times.none')}</p> : <TimelineList timeline={r} />
        }
      </Loaded>
    </>
  );
}
