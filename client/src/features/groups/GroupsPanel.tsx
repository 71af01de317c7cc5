// Near-duplicate groups: one representative (blurred) per group with its size and categories; a
// digit key or button categorises the whole group at once.
import { useCallback, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { endpoints, thumbnailUrl } from '../../api/endpoints.ts';
import type { Case, Group } from '../../api/types.ts';
import { useApp } from '../../app/AppContext.tsx';
import { navigate } from '../../app/router.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { ErrorNote, Status, errorText } from '../../ui/bits.tsx';
import { CategoryBadge } from '../grid/CategoryBadge.tsx';

function GroupCard({
  g,
  caseId,
  focused,
  showMedia,
  canWrite,
  onFocus,
  onApply,
}: {
  g: Group;
  caseId: string;
  focused: boolean;
  showMedia: boolean;
  canWrite: boolean;
  onFocus: () => void;
  onApply: (category: string | null) => void;
}) {
  const { t, lang } = useI18n();
  const { scheme } = useApp();
  return (
    <li
      role="option"
      aria-selected={focused}
      id={`group-${g.nearGroup}`}
      className={focused ? 'group-card focused' : 'group-card'}
      onClick={onFocus}
      aria-label={t('groups.cardLabel', { g: g.nearGroup, n: g.members, u: g.uncategorised })}
    >
      <div className="thumb-box">
        {showMedia && g.representativeHasThumbnail ? (
          <img className="thumb" src={thumbnailUrl(caseId, g.representative)} alt="" decoding="async" />
        ) : (
          <span className="placeholder">≈</span>
        )}
      </div>
      <p>
        <strong>{t('grid.nearGroup', { g: g.nearGroup })}</strong> · {t('groups.members', { n: g.members })}
      </p>
      <p className="cats">
        {g.categories.map((c) => (
          <CategoryBadge key={c} value={c} compact />
        ))}
        {g.uncategorised > 0 && <Status tone="warn">{t('groups.uncategorisedN', { n: g.uncategorised })}</Status>}
      </p>
      {canWrite && (
        <p className="group-actions">
          {scheme?.categories.map((c) => (
            <button
              key={c.value}
              type="button"
              tabIndex={-1}
              title={c[lang]}
              aria-label={t('groups.applyLabel', { label: `${c.key} ${c[lang]}`, g: g.nearGroup })}
              onClick={(e) => {
                e.stopPropagation();
                onApply(c.value);
              }}
            >
              {c.key}
            </button>
          ))}
          <button
            type="button"
            tabIndex={-1}
            aria-label={t('groups.clearLabel', { g: g.nearGroup })}
            onClick={(e) => {
              e.stopPropagation();
              onApply(null);
            }}
          >
            x
          </button>
        </p>
      )}
    </li>
  );
}

export function GroupsPanel({ kase, onChanged }: { kase: Case; onChanged: () => void }) {
  const { t, lang } = useI18n();
  const { scheme, user } = useApp();
  const [groups, setGroups] = useState<Group[]>([]);
  const [next, setNext] = useState<number | null>(0);
  const [focus, setFocus] = useState(0);
  const [message, setMessage] = useState('');
  const [error, setError] = useState<unknown>(null);
  const list = useRef<HTMLUListElement>(null);
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
