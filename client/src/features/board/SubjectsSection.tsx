// Victims and series of the case: create (a victim under a pseudonym), mark a victim identified, and the attached
// media as blurred thumbnails with detach. Attaching happens in the grid with V and S (or on the board's picker).
import { useState, type FormEvent } from 'react';
import { useI18n } from '../../i18n/index.tsx';
import { ErrorNote } from '../../ui/bits.tsx';
import { boardApi, type SubjectKind, type SubjectView } from './api.ts';
import { BoardThumb } from './BoardThumb.tsx';
import type { Subjects } from './useSubjects.ts';

type Common = { caseId: string; canWrite: boolean; showMedia: boolean; onChanged: () => Promise<void> };

function NewSubjectForm({ caseId, kind, onChanged }: Omit<Common, 'canWrite' | 'showMedia'> & { kind: SubjectKind }) {
  const { t } = useI18n();
  const [label, setLabel] = useState('');
  const [description, setDescription] = useState('');
  const [error, setError] = useState<unknown>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    try {
      await boardApi.createSubject(caseId, kind, { label, ...(description.trim() ? { description } : {}) });
      setLabel('');
      setDescription('');
      setError(null);
      await onChanged();
    } catch (err) {
      setError(err);
    }
  };
  return (
    <form className="board-form" onSubmit={(e) => void submit(e)}>
      <label>
        {t(kind === 'victim' ? 'board.victim.new' : 'board.series.new')}
        <input value={label} onChange={(e) => setLabel(e.target.value)} required maxLength={120} />
      </label>
      {kind === 'victim' && (
        <label>
          {t('board.description')}
          <input value={description} onChange={(e) => setDescription(e.target.value)} maxLength={4000} />
        </label>
      )}
      <button type="submit">{t('board.create')}</button>
      <ErrorNote error={error} />
    </form>
  );
}

function SubjectCard({ s, caseId, canWrite, showMedia, onChanged }: Common & { s: SubjectView }) {
  const { t } = useI18n();
  const [error, setError] = useState<unknown>(null);
  const run = (work: () => Promise<unknown>) => void work().then(onChanged, (e: unknown) => setError(e));
  return (
    <li className="subject-card" data-subject={s.label}>
      <h4>
        {s.label} <span className="muted">{t('board.media', { n: s.media.length })}</span>
      </h4>
      {s.description && <p className="muted">{s.description}</p>}
      {s.kind === 'victim' && (
        <label className="check">
          <input
            type="checkbox"
            checked={s.identified}
            disabled={!canWrite}
            onChange={(e) =>
              run(() => boardApi.updateSubject(caseId, 'victim', s.id, { identified: e.target.checked }))
            }
          />{' '}
          {t('board.identified')}
        </label>
      )}
      <div className="thumb-row">
        {s.media.slice(0, 48).map((sha) => (
          <BoardThumb key={sha} caseId={caseId} sha256={sha} showMedia={showMedia}>
            {canWrite && (
              <button type="button" onClick={() => run(() => boardApi.detach(caseId, s.kind, s.id, [sha]))}>
                {t('board.detach')}
              </button>
            )}
          </BoardThumb>
        ))}
      </div>
      <ErrorNote error={error} />
    </li>
  );
}

function SubjectList({ kind, list, ...common }: Common & { kind: SubjectKind; list: SubjectView[] | null }) {
  const { t } = useI18n();
  return (
    <div className="subject-list">
      <h3>{t(kind === 'victim' ? 'board.victims' : 'board.series')}</h3>
      {list?.length === 0 && (
        <p className="muted">{t(kind === 'victim' ? 'board.victims.none' : 'board.series.none')}</p>
      )}
      <ul>
        {list?.map((s) => (
          <SubjectCard key={s.id} s={s} {...common} />
        ))}
      </ul>
      {common.canWrite && <NewSubjectForm caseId={common.caseId} kind={kind} onChanged={common.onChanged} />}
    </div>
  );
}

export function SubjectsSection({ subjects, ...rest }: Omit<Common, 'onChanged'> & { subjects: Subjects }) {
  return (
    <>
      <ErrorNote error={subjects.error} onRetry={() => void subjects.reload()} />
      <div className="subject-columns">
        <SubjectList kind="victim" list={subjects.victims} onChanged={subjects.reload} {...rest} />
        <SubjectList kind="series" list={subjects.series} onChanged={subjects.reload} {...rest} />
      </div>
    </>
  );
}
