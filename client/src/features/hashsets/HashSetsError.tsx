// A hash-set request's error; a 404 means this server has no hash-set support, which is said plainly.
import { useI18n } from '../../i18n/index.tsx';
import { ErrorNote, Status, isNotFound } from '../../ui/bits.tsx';

export function HashSetsError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useI18n();
  if (!isNotFound(error)) return <ErrorNote error={error} onRetry={onRetry} />;
  return (
    <p role="alert">
      <Status tone="info">{t('hashsets.unavailable')}</Status>
    </p>
  );
}
