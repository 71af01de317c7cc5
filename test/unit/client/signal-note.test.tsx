// @vitest-environment jsdom
// A note being typed on a signal survives a change of its state (the analyst's own "Gezien", or the queue's poll
// showing a colleague's step): the browser test lost the note that way under load.
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, expect, it } from 'vitest';
import type { SignalView } from '../../../client/src/features/reports/api.ts';
import { SignalDetail } from '../../../client/src/features/reports/SignalsPage.tsx';
import { I18nProvider } from '../../../client/src/i18n/index.tsx';

afterEach(cleanup);

const signal = (state: SignalView['state']): SignalView => ({
  id: 7,
  cluster: 3,
  unit: 'Amsterdam',
  raisedBy: 'AM-0001',
  reasonCode: 'cross-unit',
  reason: { nl: 'Melding AM-0001 deelt een nummer.', en: 'Report AM-0001 shares a number.' },
  priority: 90,
  state,
  assignee: null,
  note: null,
  createdAt: '2026-03-02T10:00:00Z',
  updatedAt: '2026-03-02T10:00:00Z',
});

const view = (state: SignalView['state']) => (
  <I18nProvider lang="nl">
    <SignalDetail detail={{ signal: signal(state), cluster: null }} onChanged={() => undefined} />
  </I18nProvider>
);

it('keeps the note being typed when the signal is acknowledged meanwhile', () => {
  const { rerender } = render(view('open'));
  const note = screen.getByLabelText('Notitie: wat is er gedaan?') as HTMLTextAreaElement;
  fireEvent.change(note, { target: { value: 'Contact opgenomen met Rotterdam.' } });
  rerender(view('acknowledged'));
  expect((screen.getByLabelText('Notitie: wat is er gedaan?') as HTMLTextAreaElement).value).toBe(
    'Contact opgenomen met Rotterdam.',
  );
});
