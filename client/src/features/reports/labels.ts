// The words for a melding's status, offence and an occurrence's role, shared by the list and the view.
import type { MessageKey } from '../../i18n/index.tsx';

export const OFFENCES = ['sextortion', 'grooming', 'misbruik-beeldmateriaal', 'other'] as const;
export const STATUSES = ['pending', 'extracting', 'done', 'failed'] as const;

export const offenceKey = (offence: string | null): MessageKey =>
  (offence ? `reports.offence.${offence}` : 'reports.offence.none') as MessageKey;
export const statusKey = (status: string): MessageKey => `reports.status.${status}` as MessageKey;
export const roleKey = (role: string): MessageKey => `report.role.${role}` as MessageKey;

/** The victim's and the reporter's own contact details are selectors of the melding, never the offender's. */
export const isOwnContact = (role: string) => role === 'victim' || role === 'reporter';
export const isBusy = (status: string) => status === 'pending' || status === 'extracting';

/** How often a screen reloads while a melding is still being read. */
export const POLL_MS = 1500;
/** How often the signal queue reloads by itself. */
export const QUEUE_POLL_MS = 5000;
