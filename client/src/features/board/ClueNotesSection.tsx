// Clue notes: pick an image of the case, draw a box on its blurred rendition, type what it shows, pin it.
// The list below names every note with its image; pinning and removing are audited by the server.
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useI18n } from '../../i18n/index.tsx';
import { ErrorNote } from '../../ui/bits.tsx';
import { boardApi, type Box, type ClueNoteView } from './api.ts';
import { BoardThumb } from './BoardThumb.tsx';
import { ClueCanvas } from './ClueCanvas.tsx';

type Props = { caseId: string; canWrite: boolean; showMedia: boolean };
type Choice = { sha256: string; firstPath: string };

function useClueNotes(caseId: string) {
  const [notes, setNotes] = useState<ClueNoteView[]>([]);
  const [media, setMedia] = useState<Choice[]>([]);
  const [error, setError] = useState<unknown>(null);
  const reload = useCallback(() => boardApi.clueNotes(caseId).then(setNotes, setError), [caseId]);
  useEffect(() => {
    void reload();
    boardApi.firstMedia(caseId).then((items) => setMedia(items.filter((m) => m.hasThumbnail)), setError);
  }, [caseId, reload]);
  return { notes, media, error, setError, reload };
}

function NoteForm({
  caseId,
  sha256,
  box,
  onPinned,
}: {
  caseId: string;
  sha256: string;
  box: Box | null;
  onPinned: () => void;
}) {
  const { t } = useI18n();
  const [text, setText] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [status, setStatus] = useState('');
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!box || !text.trim()) return;
    try {
      await boardApi.addClueNote(caseId, { sha256, box, text });
      setText('');
      setError(null);
      setStatus(t('board.clues.pinned'));
      onPinned();
    } catch (err) {
      setError(err);
    }
  };
  return (
    <form className="board-form" onSubmit={(e) => void submit(e)}>
      <label>
        {t('board.clues.note')}
        <input value={text} onChange={(e) => setText(e.target.value)} maxLength={4000} />
      </label>
      <button type="submit" disabled={!box || !text.trim()}>
        {t('board.clues.pin')}
      </button>
      <span role="status">{status}</span>
      <ErrorNote error={error} />
    </form>
  );
}

export function ClueNotesSection({ caseId, canWrite, showMedia }: Props) {
  const { t } = useI18n();
  const { notes, media, error, setError, reload } = useClueNotes(caseId);
  const [chosen, setChosen] = useState<string>('');
  const [box, setBox] = useState<Box | null>(null);
  const sha = chosen || media[0]?.sha256 || '';
  return (
    <>
      <ErrorNote error={error} />
      {canWrite && showMedia && media.length > 0 && (
        <div className="clue-editor">
          <label>
            {t('board.clues.pick')}
            <select value={sha} onChange={(e) => (setChosen(e.target.value), setBox(null))}>
              {media.map((m) => (
                <option key={m.sha256} value={m.sha256}>
                  {m.firstPath}
                </option>
              ))}
            </select>
          </label>
          <p className="muted">{t('board.clues.draw')}</p>
          <ClueCanvas
            caseId={caseId}
            sha256={sha}
            box={box}
            pinned={notes.filter((n) => n.sha256 === sha).map((n) => n.box)}
            onBox={setBox}
          />
          <NoteForm caseId={caseId} sha256={sha} box={box} onPinned={() => (setBox(null), void reload())} />
        </div>
      )}
      {notes.length === 0 && <p className="muted">{t('board.clues.none')}</p>}
      <ul className="clue-list">
        {notes.map((n) => (
          <li key={n.id} data-note={n.id}>
            <BoardThumb caseId={caseId} sha256={n.sha256} showMedia={showMedia} size={72} />
            <p>
              {n.text} <span className="muted">— {n.createdBy}</span>
            </p>
            {canWrite && (
              <button type="button" onClick={() => void boardApi.removeClueNote(caseId, n.id).then(reload, setError)}>
                {t('board.clues.remove')}
              </button>
            )}
          </li>
        ))}
      </ul>
    </>
  );
}
