import { describe, expect, it } from 'vitest';
import { email, handle, iban, ip, phone, SELECTOR_SIGNALS, url } from '../../../workers/signals/index.ts';
import { parseHandle } from '../../../workers/signals/handle.ts';
import { urlDomain } from '../../../workers/signals/url.ts';
import { fictionalIban, grouped } from '../selectors/identifiers.ts';

describe('phone numbers', () => {
  it.each([
    '06-12345678',
    '06 12345678',
    '0612345678',
    '06 123 456 78',
    '(06) 12345678',
    '+31 6 1234 5678',
    '+31612345678',
    '0031612345678',
    '0031 6 12 34 56 78',
    '+31 (0)6-12345678',
    '+31(0)612345678',
    '6 12 34 56 78',
    '06–12345678',
    'tel:+31612345678',
    '  06.12.34.56.78 ',
  ])('%s is +31612345678', (written) => {
    expect(phone.normalise(written)).toBe('+31612345678');
  });

  it('keeps numbers one digit apart apart', () => {
    expect(phone.normalise('06-12345679')).toBe('+31612345679');
    expect(phone.normalise('06-12345679')).not.toBe(phone.normalise('06-12345678'));
  });

  it('normalises service and helpline numbers so the public list can match them', () => {
    expect(phone.normalise('0900-8844')).toBe('+319008844');
    expect(phone.normalise('088-786 73 72')).toBe('+31887867372');
    expect(phone.normalise('0900-0101')).toBe('+319000101');
    expect(phone.normalise('0800-0432')).toBe('+318000432');
    expect(phone.normalise('112')).toBe('112');
    expect(phone.normalise('144')).toBe('144');
    expect(phone.usable('112')).toBe(false);
    expect(phone.usable('+31612345678')).toBe(true);
  });

  it('refuses what is not a phone number', () => {
    for (const written of ['06-1234567', '12-03-2026', '1234 AB', '€ 250,00', 'bel 06-12345678', '', '123', '06-abc'])
      expect(phone.normalise(written), written).toBeNull();
    expect(phone.validate('+31612345678')).toBe(true);
    expect(phone.validate('0612345678')).toBe(false);
  });
});

describe('e-mail addresses', () => {
  it('lower-cases the whole address', () => {
    expect(email.normalise('J.Verkoper@Example.COM')).toBe('j.verkoper@example.com');
    expect(email.normalise(' mailto:j.verkoper@example.com ')).toBe('j.verkoper@example.com');
    expect(email.normalise('darkfox+78@mail.example.nl')).toBe('darkfox+78@mail.example.nl');
  });

  it('keeps another domain another address', () => {
    expect(email.normalise('j.verkoper@example.nl')).not.toBe(email.normalise('j.verkoper@example.com'));
  });

  it('refuses addresses without a real domain', () => {
    for (const written of [
      'j.verkoper@example',
      'j.verkoper@exam ple.com',
      '@example.com',
      'j..v@example.com',
      'a@b@c.nl',
    ])
      expect(email.normalise(written), written).toBeNull();
    expect(email.normalise('x@example.zzzz')).toBeNull();
  });
});

describe('handles', () => {
  it.each([
    ['@DarkFox_78', null],
    ['DarkFox_78', null],
    ['darkfox_78 (Snapchat)', 'snapchat'],
    ['@DARKFOX_78 [snap]', 'snapchat'],
    ['snap: darkfox_78', 'snapchat'],
    ['Insta: @darkfox_78', 'instagram'],
    ['darkfox_78 op TikTok', 'tiktok'],
  ])('%s is darkfox_78 (platform %s)', (written, platform) => {
    expect(handle.normalise(written)).toBe('darkfox_78');
    expect(parseHandle(written)).toEqual({ value: 'darkfox_78', platform });
  });

  it('keeps DarkFox_78 and darkfox_77 apart', () => {
    expect(handle.normalise('DarkFox_78')).not.toBe(handle.normalise('darkfox_77'));
  });

  it('refuses what is no name', () => {
    for (const written of ['', '@', '12345678', 'dark fox', 'darkfox.', '@@darkfox', 'x'.repeat(40)])
      expect(handle.normalise(written), written).toBeNull();
    expect(handle.usable('ab')).toBe(false);
    expect(handle.usable('abc')).toBe(true);
  });
});

describe('IBANs', () => {
  const valid = fictionalIban('NL', 'ABCD0123456789');

  it('accepts every written form of a valid IBAN as one value', () => {
    expect(iban.normalise(valid)).toBe(valid);
    expect(iban.normalise(grouped(valid))).toBe(valid);
    expect(iban.normalise(grouped(valid).toLowerCase())).toBe(valid);
    expect(iban.normalise(` ${valid.slice(0, 4)}-${valid.slice(4)} `)).toBe(valid);
    const german = fictionalIban('DE', '123456780000000001');
    expect(iban.normalise(grouped(german))).toBe(german);
  });

  it('is no IBAN when mod-97 fails', () => {
    const wrongCheck = `${valid.slice(0, 2)}${valid.slice(2, 4) === '00' ? '01' : '00'}${valid.slice(4)}`;
    const oneDigitOff = `${valid.slice(0, -1)}${valid.endsWith('9') ? '8' : '9'}`;
    expect(iban.normalise(wrongCheck)).toBeNull();
    expect(iban.normalise(oneDigitOff)).toBeNull();
    expect(iban.normalise('NL00ABCD012345678')).toBeNull();
    expect(iban.validate(valid)).toBe(true);
    expect(iban.validate(grouped(valid))).toBe(false);
  });
});

describe('IP addresses', () => {
  it('writes IPv4 and IPv6 canonically; an IPv4-mapped IPv6 address is its IPv4 address', () => {
    expect(ip.normalise(' 192.0.2.44 ')).toBe('192.0.2.44');
    expect(ip.normalise('2001:0DB8:0000:0000:0000:0000:0000:0001')).toBe('2001:db8::1');
    expect(ip.normalise('[2001:db8::1]')).toBe('2001:db8::1');
    expect(ip.normalise('::ffff:198.51.100.7')).toBe('198.51.100.7');
    expect(ip.normalise('::FFFF:C633:6407')).toBe('198.51.100.7');
  });

  it('refuses ambiguous spellings and non-addresses', () => {
    for (const written of ['192.0.2', '192.0.2.256', '0xc0.0.2.44', '192.000.002.044', '14:32:05', 'fe80::1%eth0'])
      expect(ip.normalise(written), written).toBeNull();
  });

  it('does not match on addresses that never leave one network', () => {
    expect(ip.usable('192.168.1.10')).toBe(false);
    expect(ip.usable('10.0.0.1')).toBe(false);
    expect(ip.usable('127.0.0.1')).toBe(false);
    expect(ip.usable('fd00::1')).toBe(false);
    expect(ip.usable('203.0.113.9')).toBe(true);
    expect(ip.usable('2001:db8::1')).toBe(true);
  });
});

describe('links', () => {
  it('drops the scheme, www. and a trailing slash; lower-cases the host; keeps path and query exactly', () => {
    expect(url.normalise('https://www.Example.com/Pay/AbC123?Id=7&x=Y')).toBe('example.com/Pay/AbC123?Id=7&x=Y');
    expect(url.normalise('http://example.com/')).toBe('example.com');
    expect(url.normalise('example.com/t/AbC123xyz/')).toBe('example.com/t/AbC123xyz');
    expect(url.normalise('WWW.EXAMPLE.NL')).toBe('example.nl');
    expect(url.normalise('https://www.nl/')).toBe('www.nl');
    expect(url.normalise('https://pay.example.com:443/t/x')).toBe('pay.example.com/t/x');
    expect(url.normalise('http://example.com:8080/x')).toBe('example.com:8080/x');
    expect(url.normalise('hxxps://example[.]com')).toBeNull();
    expect(url.normalise('http://192.0.2.44/login')).toBe('192.0.2.44/login');
    expect(url.normalise('http://Bücher.Example.com/x')).toBe('xn--bcher-kva.example.com/x');
  });

  it('keeps two payment links with different tokens apart, and case in the path matters', () => {
    const a = url.normalise('https://tikkie.me/pay/AbC123xyz');
    const b = url.normalise('https://tikkie.me/pay/AbC123xyZ');
    expect(a).toBe('tikkie.me/pay/AbC123xyz');
    expect(b).not.toBe(a);
  });

  it('refuses what is not a link', () => {
    for (const written of ['ftp://example.com', 'example', 'foto.jpg', 'user@example.com', 'https://exa mple.com', ''])
      expect(url.normalise(written), written).toBeNull();
  });

  it('names the registrable domain for the public list', () => {
    expect(urlDomain('pay.example.com/t/x')).toBe('example.com');
    expect(urlDomain('192.0.2.44/login')).toBeNull();
  });
});

describe('every selector signal', () => {
  it('answers from the exact index and validates exactly its canonical values', () => {
    for (const signal of Object.values(SELECTOR_SIGNALS)) {
      expect(signal.index).toBe('exact');
      expect(signal.validate(42)).toBe(false);
      expect(signal.validate('')).toBe(false);
    }
  });
});
