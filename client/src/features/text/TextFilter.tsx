// The grid's filter on text recognised in the images (OCR): typed words reach the URL and the server after a pause.
import { useEffect, useState } from 'react';
import type { MediaFilters } from '../../api/endpoints.ts';
import { useI18n } from '../../i18n/index.tsx';

type Props = { value: string | undefined; set: (patch: Partial<MediaFilters>) => void };

export function TextFilter({ value, set }: Props) {
  const { t } = useI18n();
  const [text, setText] = useState(value ?? '');
  useEffect(() => setText(value ?? ''), [value]);
  useEffect(() => {
    if ((value ?? '') === text) return;
    const timer = window.setTimeout(() => set({ text: text.trim() || undefined }), 300);
    return () => window.clearTimeout(timer);
  }, [text, value, set]);
  return (
    <label>
      {t('text.filter')}
      <input
        type="search"
        value={text}
        placeholder={t('text.filter.placeholder')}
        onChange={(e) => setText(e.target.value)}
      />
    </label>
  );
}
