// Per-user wellness settings (blur, greyscale, thumbnail size) and language, saved on the server; and the password.
import { useEffect, useRef, useState } from 'react';
import type { Settings } from '../../api/types.ts';
import { useApp } from '../../app/AppContext.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { Dialog } from '../../ui/Dialog.tsx';
import { ChangePasswordForm } from './ChangePasswordForm.tsx';

// A neutral generated pattern, so the analyst can judge the blur without looking at case material.
const SAMPLE = `data:image/svg+xml,${encodeURIComponent('<svg xmlns="http://www.w3.org/2000/svg" width="120" height="120"><defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="#d9534f"/><stop offset="1" stop-color="#337ab7"/></linearGradient></defs><rect width="120" height="120" fill="url(#g)"/><circle cx="40" cy="45" r="22" fill="#f0ad4e"/><rect x="62" y="62" width="40" height="34" fill="#5cb85c"/><text x="10" y="112" font-size="14" fill="#fff">Aa 123</text></svg>')}`;

export function SettingsDialog({ onClose }: { onClose: () => void }) {
  const { settings, saveSettings } = useApp();
  const { t } = useI18n();
  const [draft, setDraft] = useState<Settings>(settings);
  const [state, setState] = useState<'idle' | 'saving' | 'saved' | 'error'>('idle');
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

  return (
    <Dialog title={t('settings.title')} onClose={onClose}>
      <div className="settings">
        <fieldset>
          <legend>{t('settings.language')}</legend>
          <label>
            <input
              type="radio"
              name="language"
              checked={draft.language === 'nl'}
              onChange={() => change({ language: 'nl' })}
            />{' '}
            Nederlands
          </label>
          <label>
            <input
              type="radio"
              name="language"
              checked={draft.language === 'en'}
              onChange={() => change({ language: 'en' })}
            />{' '}
            English
          </label>
        </fieldset>
        <fieldset>
          <legend>{t('settings.wellness')}</legend>
          <p className="hint">{t('settings.wellness.hint')}</p>
          <label>
            {t('settings.blur', { px: draft.blur })}
            <input
              type="range"
              min={0}
              max={40}
              value={draft.blur}
              onChange={(e) => change({ blur: Number(e.target.value) })}
            />
          </label>
          <label>
            <input
              type="checkbox"
              checked={draft.greyscale}
              onChange={(e) => change({ greyscale: e.target.checked })}
            />{' '}
            {t('settings.greyscale')}
          </label>
          <label>
            {t('settings.thumbSize', { px: draft.thumbSize })}
            <input
              type="range"
              min={64}
              max={256}
              step={16}
              value={draft.thumbSize}
              onChange={(e) => change({ thumbSize: Number(e.target.value) })}
            />
          </label>
          <figure className="sample">
            <img
              src={SAMPLE}
              alt={t('settings.sample.alt')}
              width={120}
              height={120}
              style={{ filter: `blur(${draft.blur}px) grayscale(${draft.greyscale ? 1 : 0})` }}
            />
            <figcaption>{t('settings.sample')}</figcaption>
          </figure>
        </fieldset>
        <fieldset>
          <legend>{t('password.title')}</legend>
          <ChangePasswordForm onChanged={() => undefined} />
        </fieldset>
        <p role="status" className="muted">
          {state === 'saving'
            ? t('common.saving')
            : state === 'saved'
              ? `✓ ${t('common.saved')}`
              : state === 'error'
                ? `⚠ ${t('settings.saveFailed')}`
                : ''}
        </p>
        <button type="button" className="primary" onClick={onClose}>
          {t('common.done')}
        </button>
      </div>
    </Dialog>
  );
}
