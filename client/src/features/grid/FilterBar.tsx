// Filters and sort for the grid; every control is labelled and the state lives in the URL.
import { memo, useEffect, useState, type ChangeEvent, type RefObject } from 'react';
import { endpoints, type MediaFilters } from '../../api/endpoints.ts';
import { useApp } from '../../app/AppContext.tsx';
import type { Facets } from '../../api/types.ts';
import { useI18n } from '../../i18n/index.tsx';
import { CategorySelect, FacetSelect, SortSelect, TriFilters } from './FilterControls.tsx';
import { CluesFilter } from './CluesFilter.tsx';
import { TextFilter } from '../text/TextFilter.tsx';
import type { GridQuery } from './filters.ts';

type Props = {
  caseId: string;
  value: GridQuery;
  onChange: (q: GridQuery) => void;
  searchRef: RefObject<HTMLInputElement | null>;
  onLeave: () => void;
};

function useFacets(caseId: string): Facets | null {
  const [facets, setFacets] = useState<Facets | null>(null);
  useEffect(() => {
    endpoints.facets(caseId).then(setFacets, () => setFacets(null));
  }, [caseId]);
  return facets;
}

/** The search text as typed; it reaches the URL (and the server) after a 300 ms pause in typing. */
function useSearchText(value: GridQuery, onChange: (q: GridQuery) => void) {
  const [q, setQ] = useState(value.filters.q ?? '');
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
  return [q, setQ] as const;
}

function GroupChip({ group, onClear }: { group: number | undefined; onClear: () => void }) {
  const { t } = useI18n();
  if (group === undefined) return null;
  return (
    <span className="chip">
      {t('grid.nearGroup', { g: group })}
      <button type="button" aria-label={t('filters.clearGroup')} onClick={onClear}>
        ✕
      </button>
    </span>
  );
}

function ResetButton({ onReset }: { onReset: () => void }) {
  const { t } = useI18n();
  return (
    <button type="button" onClick={onReset}>
      {t('filters.reset')}
    </button>
  );
}

// Memoised: the grid re-renders on every loaded page, the filters only when they change.
export const FilterBar = memo(function FilterBar({ caseId, value, onChange, searchRef, onLeave }: Props) {
  const { t } = useI18n();
  const { user } = useApp(); // recognised text is media content: no text filter for prosecutors (nor on the server)
  const facets = useFacets(caseId);
  const [q, setQ] = useSearchText(value, onChange);
  const set = (patch: Partial<MediaFilters>) => onChange({ ...value, filters: { ...value.filters, ...patch } });
  const text = (k: keyof MediaFilters) => (e: ChangeEvent<HTMLSelectElement | HTMLInputElement>) =>
    set({ [k]: e.target.value || undefined });
  const f = value.filters;

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
      {user.role !== 'prosecutor' && <TextFilter value={f.text} set={set} />}
      <CategorySelect value={f.category} onChange={text('category')} />
      <TriFilters f={f} set={set} />
      <FacetSelect label={t('filters.mime')} value={f.mime} options={facets?.mimes} onChange={text('mime')}>
        <option value="image/">{t('filters.mime.images')}</option>
      </FacetSelect>
      <FacetSelect label={t('filters.make')} value={f.make} options={facets?.makes} onChange={text('make')} />
      <FacetSelect label={t('filters.model')} value={f.model} options={facets?.models} onChange={text('model')} />
      <label>
        {t('filters.from')}
        <input type="date" value={f.from ?? ''} onChange={text('from')} />
      </label>
      <label>
        {t('filters.to')}
        <input type="date" value={f.to ?? ''} onChange={text('to')} />
      </label>
      <CluesFilter caseId={caseId} f={f} set={set} />
      <GroupChip group={f.nearGroup} onClear={() => set({ nearGroup: undefined })} />
      <SortSelect value={value.sort} onChange={(sort) => onChange({ ...value, sort })} />
      <ResetButton
        onReset={() => {
          setQ('');
          onChange({ filters: {}, sort: value.sort });
        }}
      />
    </form>
  );
});
