// @vitest-environment jsdom
// A paused ingest says why ("schijf vol") and offers "hervatten" to those who may write to the case.
import { cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { ProgressView } from '../../../client/src/api/types.ts';
import { ProcessingProgress } from '../../../client/src/features/intake/ProcessingProgress.tsx';
import { I18nProvider, type Lang } from '../../../client/src/i18n/index.tsx';

afterEach(cleanup);

const progress = (over: Partial<ProgressView>): ProgressView => ({
  evidenceId: 'e1',
  status: 'paused',
  error: null,
  done: false,
  found: 40,
  rejected: 0,
  stored: 40,
  processed: 12,
  failed: 0,
  images: 40,
  thumbnails: 12,
  pending: 28,
  ungrouped: 0,
  unmatched: 0,
  ocr: { pending: 0, read: 0, noText: 0, failed: 0 },
  paused: null,
  resumable: false,
  ...over,
});

const show = (p: ProgressView, canResume: boolean, lang: Lang = 'nl') =>
  render(
    <I18nProvider lang={lang}>
      <ProcessingProgress progress={p} reconnecting={false} canResume={canResume} />
    </I18nProvider>,
  );

describe('paused ingest in the intake panel', () => {
  const diskFull = progress({ paused: { reason: 'disk-full', since: '2026-01-01T10:00:00Z' }, resumable: true });

  it('names the reason in Dutch and offers "Hervatten" to a writer', () => {
    const view = show(diskFull, true);
    expect(view.container.textContent).toMatch(/Gepauzeerd: schijf vol/);
    expect(view.getByRole('button', { name: 'Hervatten' })).toBeTruthy();
  });

  it('in English too', () => {
    const view = show(diskFull, true, 'en');
    expect(view.container.textContent).toMatch(/Paused: disk full/);
    expect(view.getByRole('button', { name: 'Resume' })).toBeTruthy();
  });

  it('shows the pause but no button to a reader', () => {
    const view = show(diskFull, false);
    expect(view.container.textContent).toMatch(/schijf vol/);
    expect(view.queryByRole('button')).toBeNull();
  });

  it('shows nothing of the kind while all is well', () => {
    const view = show(progress({ status: 'unpacking' }), true);
    expect(view.container.textContent).not.toMatch(/Gepauzeerd/);
    expect(view.queryByRole('button')).toBeNull();
  });
});
