// A melding's status as an icon and a word, with a moving bar while it is being read.
import { useI18n } from '../../i18n/index.tsx';
import { Status } from '../../ui/bits.tsx';
import { statusKey } from './labels.ts';

const TONES = { pending: 'busy', extracting: 'busy', done: 'ok', failed: 'error' } as const;

export function ReportStatus({ status }: { status: string }) {
  const { t } = useI18n();
  return <Status tone={TONES[status as keyof typeof TONES] ?? 'info'}>{t(statusKey(status))}</Status>;
}
