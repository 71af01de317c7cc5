// Near-duplicate groups: one representative (blurred) per group with its size and categories; a
// digit key or button categorises the whole group at once.
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { Case, Group } from '../../api/types.ts';
import { useApp } from '../../app/AppContext.tsx';
import { navigate } from '../../app/router.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { ErrorNote } from '../../ui/bits.tsx';
import { GroupCard } from './GroupCard.tsx';
import { useGroups } from './useGroups.ts';

/** Arrow keys move between cards, a digit or x categorises the focused group, Enter opens it in the grid. */
function useGroupKeys(kase: Case, groups: Group[], apply: (index: number, category: string | null) => Promise<void>) {
  const { scheme } = useApp();
  const [focus, setFocus] = useState(0);
  const list = useRef<HTMLUListElement>(null);

  function onKeyDown(e: KeyboardEvent<HTMLUListElement>) {
    const cols = Math.max(1, Math.round((list.current?.clientWidth ?? 800) / 200));
    const moves: Record<string, number> = { ArrowLeft: -1, ArrowRight: 1, ArrowUp: -cols, ArrowDown: cols };
    const digit = /^(?:Digit|Numpad)(\d)$/.exec(e.code)?.[1];
    if (e.key in moves) setFocus((f) => Math.min(Math.max(f + moves[e.key]!, 0), groups.length - 1));
    else if (digit !== undefined) {
      const def = scheme?.categories.find((c) => c.key === digit);
      if (def) void apply(focus, def.value);
    } else if (e.code === 'KeyX' || e.key === 'Delete') void apply(focus, null);
    else if (e.key === 'Enter' && groups[focus])
      navigate(`/cases/${kase.id}/media?nearGroup=${groups[focus]!.nearGroup}&sort=group`);
    else return;
    e.preventDefault();
  }
  useEffect(() => {
    document.getElementById(`group-${groups[focus]?.nearGroup}`)?.scrollIntoView({ block: 'nearest' });
  }, [focus, groups]);

  return { focus, setFocus, list, onKeyDown };
}

export function GroupsPanel({ kase, onChanged }: { kase: Case; onChanged: () => void }) {
  const { t } = useI18n();
  const { user } = useApp();
  const { groups, next, message, error, load, apply, canWrite } = useGroups(kase, onChanged);
  const { focus, setFocus, list, onKeyDown } = useGroupKeys(kase, groups, apply);

  return (
    <section aria-labelledby="groups-title">
      <h2 id="groups-title">{t('groups.title')}</h2>
      <p className="hint">{t('groups.hint')}</p>
      <ErrorNote error={error} onRetry={() => load(0)} />
      <p role="status" aria-live="polite" className="message">
        {message}
      </p>
      {groups.length === 0 && next === null && <p className="muted">{t('groups.none')}</p>}
      <ul
        ref={list}
        className="groups"
        role="listbox"
        tabIndex={0}
        aria-label={t('groups.title')}
        onKeyDown={onKeyDown}
        aria-activedescendant={groups[focus] ? `group-${groups[focus]!.nearGroup}` : undefined}
      >
        {groups.map((g, i) => (
          <GroupCard
            key={g.nearGroup}
            g={g}
            caseId={kase.id}
            focused={i === focus}
            showMedia={user.role !== 'prosecutor'}
            canWrite={canWrite}
            onFocus={() => {
              setFocus(i);
              list.current?.focus();
            }}
            onApply={(c) => void apply(i, c)}
          />
        ))}
      </ul>
      {next !== null && next !== 0 && (
        <button type="button" onClick={() => load(next)}>
          {t('common.loadMore')}
        </button>
      )}
    </section>
  );
}
