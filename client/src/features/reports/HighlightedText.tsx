// A melding's text with each selector found in it marked by its offsets; own contacts marked as not linking.
import { Fragment, type ReactNode } from 'react';
import { useI18n } from '../../i18n/index.tsx';
import type { Occurrence } from './api.ts';
import { isOwnContact, roleKey } from './labels.ts';

/** Non-overlapping text occurrences in order; a later one inside an earlier one is dropped. */
function textSpans(selectors: Occurrence[], length: number): Occurrence[] {
  const spans = selectors
    .filter((s) => s.source === 'text' && s.start !== null && s.end !== null && s.end > s.start && s.end <= length)
    .sort((a, b) => a.start! - b.start!);
  const kept: Occurrence[] = [];
  for (const s of spans) if (!kept.length || s.start! >= kept[kept.length - 1]!.end!) kept.push(s);
  return kept;
}

function Mark({ s, children }: { s: Occurrence; children: ReactNode }) {
  const { t } = useI18n();
  const own = isOwnContact(s.role);
  const label = `${s.type} ${s.value}, ${t(roleKey(s.role))}${own ? ` — ${t('report.own')}` : ''}`;
  return (
    <mark
      className={`selector sel-${s.type}${own ? ' own' : ''}`}
      title={label}
      data-type={s.type}
      data-role={s.role}
      data-value={s.value}
    >
      {children}
      <span className="sel-tag">
        {s.type}
        {own ? ` · ${t('report.own')}` : s.role === 'offender' ? '' : ` · ${t(roleKey(s.role))}`}
      </span>
    </mark>
  );
}

export function HighlightedText({ text, selectors }: { text: string; selectors: Occurrence[] }) {
  const { t } = useI18n();
  if (!text) return <p className="muted">{t('report.text.empty')}</p>;
  const parts: ReactNode[] = [];
  let at = 0;
  for (const s of textSpans(selectors, text.length)) {
    parts.push(<Fragment key={`t${at}`}>{text.slice(at, s.start!)}</Fragment>);
    parts.push(
      <Mark key={`m${s.id}`} s={s}>
        {text.slice(s.start!, s.end!)}
      </Mark>,
    );
    at = s.end!;
  }
  parts.push(<Fragment key={`t${at}`}>{text.slice(at)}</Fragment>);
  return <div className="report-text">{parts}</div>;
}
