// The filter bar's controls: yes/no/any choices, facet lists with counts, category and sort.
import type { ChangeEvent, ReactNode } from 'react';
import type { MediaFilters } from '../../api/endpoints.ts';
import type { Facets, SortName } from '../../api/types.ts';
import { useApp } from '../../app/AppContext.tsx';
import { useI18n, type MessageKey } from '../../i18n/index.tsx';

type OnSelect = (e: ChangeEvent<HTMLSelectElement | HTMLInputElement>) => void;

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

export function TriFilters({ f, set }: { f: MediaFilters; set: (patch: Partial<MediaFilters>) => void }) {
  const { t } = useI18n();
  return (
    <>
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
    </>
  );
}

export function CategorySelect({ value, onChange }: { value: string | undefined; onChange: OnSelect }) {
  const { t, lang } = useI18n();
  const { scheme } = useApp();
  return (
    <label>
      {t('filters.category')}
      <select value={value ?? ''} onChange={onChange}>
        <option value="">{t('filters.any')}</option>
        <option value="none">{t('category.none')}</option>
        {scheme?.categories.map((c) => (
          <option key={c.value} value={c.value}>
            {c.key} {c[lang]}
          </option>
        ))}
      </select>
    </label>
  );
}

type FacetProps = {
  label: string;
  value: string | undefined;
  options: Facets['mimes'] | undefined;
  onChange: OnSelect;
  children?: ReactNode;
};

/** A facet of the case (file type, camera make or model) with how many items have each value. */
export function FacetSelect({ label, value, options, onChange, children }: FacetProps) {
  const { t } = useI18n();
  return (
    <label>
      {label}
      <select value={value ?? ''} onChange={onChange}>
        <option value="">{t('filters.any')}</option>
        {children}
        {options?.map((m) => (
          <option key={m.value} value={m.value}>
            {m.value} ({m.count})
          </option>
        ))}
      </select>
    </label>
  );
}

const sorts: Array<[SortName, MessageKey]> = [
  ['path', 'filters.sort.path'],
  ['date', 'filters.sort.date'],
  ['group', 'filters.sort.group'],
];

export function SortSelect({ value, onChange }: { value: SortName; onChange: (sort: SortName) => void }) {
  const { t } = useI18n();
  return (
    <label>
      {t('filters.sort')}
      <select value={value} onChange={(e) => onChange(e.target.value as SortName)}>
        {sorts.map(([s, k]) => (
          <option key={s} value={s}>
            {t(k)}
          </option>
        ))}
      </select>
    </label>
  );
}
