import { describe, expect, it } from 'vitest';
import { SELECTOR_SIGNALS } from '../../../workers/signals/index.ts';
import { findNearMisses } from '../../../workers/selectors/near-miss.ts';
import { fictionalIban } from './identifiers.ts';

const { phone, handle, email, url } = SELECTOR_SIGNALS;

describe('"lijkt op" hints', () => {
  it('shows a phone number one digit away, and never the number itself', () => {
    const value = phone.normalise('06-12345678')!;
    const candidates = ['06-12345679', '06-12345678', '06-21345678', '06-12345699', '020-1234567'].map((w) =>
      phone.normalise(w)!,
    );
    expect(findNearMisses('phone', value, candidates)).toEqual([
      { value: '+31612345679', reason: 'one-digit' },
      { value: '+31621345678', reason: 'swapped-characters' },
    ]);
  });

  it('shows handles one character away (DarkFox_78 and darkfox_77), not further', () => {
    const value = handle.normalise('DarkFox_78')!;
    expect(
      findNearMisses('handle', value, ['darkfox_77', 'darkfox78', 'darkfox_78x', 'darkfox_87', 'darkf0x_77']),
    ).toEqual([
      { value: 'darkfox_77', reason: 'one-character' },
      { value: 'darkfox78', reason: 'one-character' },
      { value: 'darkfox_78x', reason: 'one-character' },
      { value: 'darkfox_87', reason: 'swapped-characters' },
    ]);
  });

  it('shows an e-mail address with the same local part at another domain, or one character away', () => {
    const value = email.normalise('j.verkoper@example.com')!;
    const candidates = [
      'j.verkoper@example.nl',
      'j.verkoper1@example.com',
      'j.verkoper1@example.nl',
      'k.koper@example.com',
    ];
    expect(findNearMisses('email', value, candidates)).toEqual([
      { value: 'j.verkoper@example.nl', reason: 'other-domain' },
      { value: 'j.verkoper1@example.com', reason: 'one-character' },
    ]);
  });

  it('shows a link under another public suffix, and not two payment links with different tokens', () => {
    const value = url.normalise('https://pay.example.com/t/AbC123xyz')!;
    expect(
      findNearMisses('url', value, ['pay.example.nl/t/AbC123xyz', 'pay.example.com/t/Zq9Lm4Pw2', 'pay.example.com']),
    ).toEqual([{ value: 'pay.example.nl/t/AbC123xyz', reason: 'other-suffix' }]);
  });

  it('compares IBANs on bank and account, past their different check digits', () => {
    const a = fictionalIban('NL', 'ABCD0123456789');
    const b = fictionalIban('NL', 'ABCD0123456788');
    const c = fictionalIban('NL', 'WXYZ9876543210');
    expect(findNearMisses('iban', a, [b, c])).toEqual([{ value: b, reason: 'one-character' }]);
  });

  it('lists each candidate once', () => {
    expect(findNearMisses('ip', '192.0.2.44', ['192.0.2.45', '192.0.2.45', '198.51.100.7'])).toEqual([
      { value: '192.0.2.45', reason: 'one-digit' },
    ]);
  });
});
