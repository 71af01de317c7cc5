// The settings dialog's fieldsets: language, and wellness settings with a neutral sample to judge them by.
import type { Settings } from '../../api/types.ts';
import { useI18n } from '../../i18n/index.tsx';

// A neutral generated pattern, so the analyst can judge the blur without looking at case material.
const SAMPLE_SVG = [
  '<svg xmlns="http://www.w3.org/2000/svg" width="120" height="120">',
  '<defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1">',
  '<stop offset="0" stop-color="#d9534f"/><stop offset="1" stop-color="#337ab7"/></linearGradient></defs>',
  '<rect width="120" height="120" fill="url(#g)"/><circle cx="40" cy="45" r="22" fill="#f0ad4e"/>',
  '<rect x="62" y="62" width="40" height="34" fill="#5cb85c"/>',
  '<text x="10" y="112" font-size="14" fill="#fff">Aa 123</text></svg>',
].join('');
const SAMPLE = `data:image/svg+xml,${encodeURIComponent(SAMPLE_SVG)}`;

type FieldsetProps = { draft: Settings; change: (patch: Partial<Settings>) => void };

export function LanguageFieldset({ draft, change }: FieldsetProps) {
  const { t } = useI18n();
  return (
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
  );
}

export function WellnessFieldset({ draft, change }: FieldsetProps) {
  const { t } = useI18n();
  return (
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
        <input type="checkbox" checked={draft.greyscale} onChange={(e) => change({ greyscale: e.target.checked })} />{' '}
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
  );
}
