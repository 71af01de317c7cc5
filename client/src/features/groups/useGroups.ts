// The case's near-duplicate groups, loaded a page at a time, and categorising a whole group at once.
import { useCallback, useEffect, useState } from 'react';
import { endpoints } from '../../api/endpoints.ts';
import type { Case, Group } from '../../api/types.ts';
import { useApp } from '../../app/AppContext.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { errorText } from '../../ui/bits.tsx';

export function useGroups(kase: Case, onChanged: () => void) {
  const { t, lang } = useI18n();
  const { scheme } = useApp();
  const [groups, setGroups] = useState<Group[]>([]);
  const [next, setNext] = useState<number | null>(0);
  const [message, setMessage] = useState('');
  const [error, setError] = useState<unknown>(null);
  const canWrite = kase.access === 'write';

  const load = useCallback(
    (after: number) => {
      endpoints.groups(kase.id, after).then((page) => {
        setGroups((g) => (after === 0 ? page.groups : [...g, ...page.groups]));
        setNext(page.next);
      }, setError);
    },
    [kase.id],
  );
  useEffect(() => load(0), [load]);

  async function apply(index: number, category: string | null) {
    const g = groups[index];
    if (!g || !scheme || !canWrite) return;
    try {
      const result = await endpoints.categoriseGroups(kase.id, [g.nearGroup], category, scheme.id);
      setGroups((all) =>
        all.map((x, i) =>
          i === index ? { ...x, categories: category ? [category] : [], uncategorised: category ? 0 : x.members } : x,
        ),
      );
      const def = scheme.categories.find((c) => c.value === category);
      setMessage(
        t('grid.categorisedGroup', {
          n: result.changed.length,
          label: def ? `${def.key} ${def[lang]}` : t('category.none'),
        }),
      );
      onChanged();
    } catch (e) {
      setMessage(errorText(e, t));
    }
  }

  return { groups, next, message, error, load, apply, canWrite };
}
