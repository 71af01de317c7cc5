// Per-user wellness settings (blur, greyscale, thumbnail size) and language, saved on the server; and the password.
import { useEffect, useRef, useState } from 'react';
import type { Settings } from '../../api/types.ts';
import { useApp } from '../../app/AppContext.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { Dialog } from '../../ui/Dialog.tsx';
import { ChangePasswordForm } from './ChangePasswordForm.tsx';
import { LanguageFieldset, WellnessFieldset } from './SettingsFields.tsx';

type SaveState = 'idle' | 'saving' | 'saved' | 'error';

/** Settings as the analyst changes them: shown at once, saved on the server after a 250 ms pause. */
function useSettingsDraft() {
  const { settings, saveSettings } = useApp();
  const [draft, setDraft] = useState<Settings>(settings);
  const [state, setState] = useState<SaveState>('idle');
  const timer = useRef<number | undefined>(undefined);

  const change = (patch: Partial<Settings>) => {
    setDraft((d) => ({ ...d, ...patch }));
    setState('saving');
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => {
      saveSettings(patch).then(
        () => setState('saved'),
        () => setState('error'),
      );
    }, 250);
  };
  useEffect(() => () => window.clearTimeout(timer.current), []);
  return { draft, state, change };
}

function SaveStatus({ state }: { state: SaveState }) {
  const { t } = useI18n();
  return (
    <p role="status" className="muted">
      {state === 'saving'
        ? t('common.saving')
        : state === 'saved'
          ? `✓ ${t('common.saved')}`
          : state === 'error'
            ? `⚠ ${t('settings.saveFailed')}`
            : ''}
    </p>
  );
}

export function SettingsDialog({ onClose }: { onClose: () => void }) {
  const { t } = useI18n();
  const { draft, state, change } = useSettingsDraft();

  return (
    <Dialog title={t('settings.title')} onClose={onClose}>
      <div className="settings">
        <LanguageFieldset draft={draft} change={change} />
        <WellnessFieldset draft={draft} change={change} />
        <fieldset>
          <legend>{t('password.title')}</legend>
          <ChangePasswordForm onChanged={() => undefined} />
        </fieldset>
        <SaveStatus state={state} />
        <button type="button" className="primary" onClick={onClose}>
          {t('common.done')}
        </button>
      </div>
    </Dialog>
  );
}
