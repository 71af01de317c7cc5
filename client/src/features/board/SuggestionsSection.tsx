// Suggestions for this case ("possibly the same victim / series" elsewhere): for the case's leads. The other case
// shows as number, unit and contact unless the lead may open it. Accepting or dismissing is audited by the server.
import { useCallback, useEffect, useState } from 'react';
import { useI18n } from '../../i18n/index.tsx';
import { ErrorNote } from '../../ui/bits.tsx';
import { boardApi, type SuggestionView } from './api.ts';
import { BoardThumb } from './BoardThumb.tsx';

function SuggestionCard({
  s,
  showMedia,
  onDecide,
}: {
  s: SuggestionView;
  showMedia: boolean;
  onDecide: (verb: 'accept' | 'dismiss') => void;
}) {
  const { t } = useI18n();
  const text = s.kind === 'victim' ? 'board.suggestion.victim' : 'board.suggestion.series';
  return (
    <li className="suggestion-card">
      <p>
        <strong>{t(text, { number: s.source.number, unit: s.source.unit })}</strong>
      </p>
      {s.source.label && <p>{t('board.suggestion.label', { label: s.source.label })}</p>}
      {s.source.contact && <p className="muted">{t('board.suggestion.contact', { contact: s.source.contact })}</p>}
      <p className="muted">{t('board.suggestion.links', { n: s.linkCount })}</p>
      <div className="thumb-row">
        {s.links.slice(0, 12).map((l) => (
          <BoardThumb key={l.otherSha256} caseId={s.case.id} sha256={l.otherSha256} showMedia={showMedia} size={72} />
        ))}
      </div>
      <button type="button" onClick={() => onDecide('accept')}>
        {t('board.accept')}
      </button>{' '}
      <button type="button" onClick={() => onDecide('dismiss')}>
        {t('board.dismiss')}
      </button>
    </li>
  );
}

export function SuggestionsSection({ caseId, showMedia }: { caseId: string; showMedia: boolean }) {
  const { t } = useI18n();
  const [list, setList] = useState<SuggestionView[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const load = useCallback(() => {
    boardApi.suggestions().then((all) => setList(all.filter((s) => s.case.id === caseId)), setError);
  }, [caseId]);
  useEffect(load, [load]);
  const decide = (id: number, verb: 'accept' | 'dismiss') => void boardApi.decide(id, verb).then(load, setError);
  return (
    <>
      <ErrorNote error={error} />
      {list?.length === 0 && <p className="muted">{t('board.suggestions.none')}</p>}
      <ul>
        {list?.map((s) => (
          <SuggestionCard key={s.id} s={s} showMedia={showMedia} onDecide={(verb) => decide(s.id, verb)} />
        ))}
      </ul>
    </>
  );
}
