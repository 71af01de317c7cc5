// The picker the grid's V (victims) and S (series) keys open: a digit or arrows and Enter pick, N types a new label.
import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useI18n } from '../../i18n/index.tsx';
import { Dialog } from '../../ui/Dialog.tsx';
import { ErrorNote } from '../../ui/bits.tsx';
import { boardApi, type SubjectView } from './api.ts';
import type { PickerState, SubjectPickerModel } from './useSubjectPicker.ts';

function useChoices(caseId: string, state: PickerState) {
  const [list, setList] = useState<SubjectView[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    boardApi.subjects(caseId, state.kind).then(setList, setError);
  }, [caseId, state.kind]);
  return { list, error };
}

export function SubjectPicker({ caseId, picker }: { caseId: string; picker: SubjectPickerModel }) {
  const { t } = useI18n();
  const state = picker.state!;
  const { list, error } = useChoices(caseId, state);
  const [active, setActive] = useState(0);
  const [label, setLabel] = useState('');
  const listRef = useRef<HTMLUListElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  // Once, on opening: a later load of the list must not take focus from the label being typed.
  useEffect(() => listRef.current?.focus(), []);
  const count = list?.length ?? 0;
  const onKeyDown = (e: KeyboardEvent) => {
    const digit = /^Digit([1-9])$/.exec(e.code);
    const pick = digit ? Number(digit[1]) - 1 : e.key === 'Enter' ? active : -1;
    if (pick >= 0 && list?.[pick]) void picker.attachTo(list[pick]!);
    else if (e.key === 'ArrowDown' || e.key === 'ArrowUp')
      setActive((a) => Math.max(0, Math.min(count - 1, a + (e.key === 'ArrowDown' ? 1 : -1))));
    else if (e.code === 'KeyN') inputRef.current?.focus();
    else return;
    e.preventDefault();
  };
  const create = (e: FormEvent) => {
    e.preventDefault();
    if (label.trim()) void picker.createAndAttach(label.trim());
  };
  return (
    <Dialog title={t(state.kind === 'victim' ? 'picker.victim.title' : 'picker.series.title')} onClose={picker.close}>
      <p className="muted">{t('picker.hint')}</p>
      <ErrorNote error={error} />
      {list?.length === 0 && <p className="muted">{t('picker.none')}</p>}
      <ul ref={listRef} role="listbox" tabIndex={0} onKeyDown={onKeyDown} aria-label={t('picker.hint')}>
        {list?.map((s, i) => (
          <li key={s.id} role="option" aria-selected={i === active} onClick={() => void picker.attachTo(s)}>
            <kbd>{i + 1}</kbd> {s.label}
          </li>
        ))}
      </ul>
      <form className="board-form" onSubmit={create}>
        <label>
          {t('picker.new')}
          <input ref={inputRef} value={label} onChange={(e) => setLabel(e.target.value)} maxLength={120} />
        </label>
        <button type="submit">{t('board.create')}</button>
      </form>
    </Dialog>
  );
}
