// The analyst's notes on one content: edited in place, saved with the button or Ctrl+Enter.
import { useEffect, useState } from 'react';
import { endpoints } from '../../api/endpoints.ts';
import type { MediaDetail } from '../../api/types.ts';
import { useI18n } from '../../i18n/index.tsx';
import { ErrorNote } from '../../ui/bits.tsx';

export function Notes({ caseId, detail, canWrite }: { caseId: string; detail: MediaDetail; canWrite: boolean }) {
  const { t } = useI18n();
  const [text, setText] = useState(detail.notes ?? '');
  const [state, setState] = useState<'idle' | 'saving' | 'saved' | unknown>('idle');
  useEffect(() => {
    setText(detail.notes ?? '');
    setState('idle');
  }, [detail.sha256, detail.notes]);
  const save = () => {
    setState('saving');
    endpoints.saveNotes(caseId, detail.sha256, text).then(
      () => setState('saved'),
      (e) => setState(e),
    );
  };
  return (
    <section aria-labelledby="notes-title">
      <h3 id="notes-title">{t('detail.notes')}</h3>
      <textarea
        aria-labelledby="notes-title"
        value={text}
        readOnly={!canWrite}
        rows={4}
        maxLength={10000}
        onChange={(e) => {
          setText(e.target.value);
          setState('idle');
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            save();
          }
        }}
      />
      {canWrite && (
        <button type="button" onClick={save} disabled={state === 'saving'}>
          {t('detail.saveNotes')}
        </button>
      )}
      <span role="status" className="muted">
        {' '}
        {state === 'saved' ? `✓ ${t('common.saved')}` : state === 'saving' ? t('common.saving') : ''}
      </span>
      {state !== 'idle' && state !== 'saving' && state !== 'saved' && <ErrorNote error={state} />}
    </section>
  );
}
