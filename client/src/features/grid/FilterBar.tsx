// Filters and sort for the grid; every control is labelled and the state lives in the URL.
import { memo, useEffect, useState, type ChangeEvent, type RefObject } from 'react';
import { endpoints, type MediaFilters } from '../../api/endpoints.ts';
import type { Facets, SortName } from '../../api/types.ts';
import { useApp } from '../../app/AppContext.tsx';
import { useI18n, type MessageKey } from '../../i18n/index.tsx';
import type { GridQuery } from './filters.ts';

type Props = {
  caseId: string;
  value: GridQuery;
  onChange: (q: GridQuery) => void;
  searchRef: RefObject<HTMLInputElement | null>;
  onLeave: () => void;
};

const triState = (v: boolean | undefined) => (v === undefined ? '' : String(v));
const fromTri = (v: string) => (v === '' ? undefined : v === 'true');

function Tri({
  label,
  value,
  yes,
  no,
  onChange,
}: {
  label: string;
  value: boolean | undefined;
  yes: string;
  no: string;
  onChange: (v: boolean | undefined) => void;
}) {
  const { t } = useI18n();
  return (
    <label>
      {label}
      <select value={triState(value)} onChange={(e) => onChange(fromTri(e.target.value))}>
        <option value="">{t('filters.any')}</option>
        <option value="true">{yes}</option>
        <option value="false">{no}</option>
      </select>
    </label>
  );
}

// Memoised: the grid re-renders on every loaded page, the filters only when they change.
export const FilterBar = memo(function FilterBar({ caseId, value, onChange, searchRef, onLeave }: Props) {
  const { t, lang } = useI18n();
  const { scheme } = useApp();
  const [facets, setFacets] = useState<Facets | null>(null);
  const [q, setQ] = useState(value.filters.q ?? '');
  useEffect(() => {
    endpoints.facets(caseId).then(setFacets, () => setFacets(null));
  }, [caseId]);
  useEffect(() => {
    setQ(value.filters.q ?? '');
  }, [value.filters.q]);
  useEffect(() => {
    if ((value.filters.q ?? '') === q) return;
    const timer = window.setTimeout(
      () => onChange({ ...value, filters: { ...value.filters, q: q || undefined } }),
      300,
    );
    return () => window.clearTimeout(timer);
  }, [q, value, onChange]);

  const set = (patch: Partial<MediaFilters>) => onChange({ ...value, filters: { ...value.filters, ...patch } });
  const text = (k: keyof MediaFilters) => (e: ChangeEvent<HTMLSelectElement | HTMLInputElement>) =>
    set({ [k]: e.target.value || undefined });
  const f = value.filters;
  const sorts: Array<[SortName, MessageKey]> = [
    ['path', 'filters.sort.path'],
    ['date', 'filters.sort.date'],
    ['group', 'filters.sort.group'],
  ];

  return (
    <form
      className="filters"
      role="search"
      aria-label={t('filters.label')}
      onSubmit={(e) => {
        e.preventDefault();
        onLeave();
      }}
    >
      <label className="grow">
        {t('filters.search')}
        <input
          ref={searchRef}
          type="search"
          value={q}
          placeholder={t('filters.searchPlaceholder')}
          onChange={(e) => setQ(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Escape') onLeave();
          }}
        />
      </label>
      <label>
        {t('filters.category')}
        <select value={f.category ?? ''} onChange={text('category')}>
          <option value="">{t('filters.any')}</option>
          <option value="none">{t('category.none')}</option>
          {scheme?.categories.map((c) => (
            <option key={c.value} value={c.value}>
              {c.key} {c[lang]}
            </option>
          ))}
        </select>
      </label>
      <Tri
        label={t('filters.known')}
        value={f.known}
        yes={t('filters.known.yes')}
        no={t('filters.known.no')}
        onChange={(v) => set({ known: v })}
      />
      <Tri
        label={t('filters.duplicate')}
        value={f.duplicate}
        yes={t('common.yes')}
        no={t('common.no')}
        onChange={(v) => set({ duplicate: v })}
      />
      <Tri
        label={t('filters.grouped')}
        value={f.grouped}
        yes={t('common.yes')}
        no={t('common.no')}
        onChange={(v) => set({ grouped: v })}
      />
      <Tri
        label={t('filters.hasError')}
        value={f.hasError}
        yes={t('common.yes')}
        no={t('common.no')}
        onChange={(v) => set({ hasError: v })}
      />
      <Tri
        label={t('filters.hasGps')}
        value={f.hasGps}
        yes={t('common.yes')}
        no={t('common.no')}
        onChange={(v) => set({ hasGps: v })}
      />
      <label>
        {t('filters.mime')}
        <select value={f.mime ?? ''} onChange={text('mime')}>
          <option value="">{t('filters.any')}</option>
          <option value="image/">{t('filters.mime.images')}</option>
          {facets?.mimes.map((m) => (
            <option key={m.value} value={m.value}>
              {m.value} ({m.count})
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('filters.make')}
        <select value={f.make ?? ''} onChange={text('make')}>
          <option value="">{t('filters.any')}</option>
          {facets?.makes.map((m) => (
            <option key={m.value} value={m.value}>
              {m.value} ({m.count})
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('filters.model')}
        <select value={f.model ?? ''} onChange={text('model')}>
          <option value="">{t('filters.any')}</option>
          {facets?.models.map((m) => (
            <option key={m.value} value={m.value}>
              {m.value} ({m.count})
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('filters.from')}
        <input type="date" value={f.from ?? ''} onChange={text('from')} />
      </label>
      <label>
        {t('filters.to')}
        <input type="date" value={f.to ?? ''} onChange={text('to')} />
      </label>
      {f.nearGroup !== undefined && (
        <span className="chip">
          {t('grid.nearGroup', { g: f.nearGroup })}
          <button type="button" aria-label={t('filters.clearGroup')} onClick={() => set({ nearGroup: undefined })}>
            ✕
          </button>
        </span>
      )}
      <label>
        {t('filters.sort')}
        <select value={value.sort} onChange={(e) => onChange({ ...value, sort: e.target.value as SortName })}>
          {sorts.map(([s, k]) => (
            <option key={s} value={s}>
              {t(k)}
            </option>
          ))}
        </select>
      </label>
      <button
        type="button"
        onClick={() => {
          setQ('');
          onChange({ filters: {}, sort: value.sort });
        }}
      >
        {t('filters.reset')}
      </button>
    </form>
  );
});
