import { describe, expect, it } from 'vitest';
import { SELECTOR_SIGNALS } from '../../../workers/signals/index.ts';
import { classifySelector } from '../../../workers/selectors/classify.ts';
import { DEFAULT_PUBLIC_SELECTORS, isPublic } from '../../../workers/selectors/public-list.ts';
import { extractFromText } from '../../../workers/selectors/extract-text.ts';

const list = DEFAULT_PUBLIC_SELECTORS;

describe('the default public list', () => {
  it('holds only canonical values, each once', () => {
    for (const entry of list) expect(SELECTOR_SIGNALS[entry.type].validate(entry.value), entry.value).toBe(true);
    const keys = list.map((e) => `${e.type}:${e.value}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it.each([
    ['0900-8844', 'politie'],
    ['088-786 73 72', 'Fraudehelpdesk'],
    ['0900-0101', 'Slachtofferhulp'],
    ['112', 'alarmnummer'],
    ['144', 'Dierenpolitie'],
    ['020-261 52 75', 'Helpwanted'],
    ['0800-0432', 'Kindertelefoon'],
    ['0800-7000', 'Meld Misdaad Anoniem'],
  ])('makes %s (%s) public in any written form', (written) => {
    expect(isPublic('phone', SELECTOR_SIGNALS.phone.normalise(written)!, list)).toBe(true);
  });

  it('matches a helpline however it is written', () => {
    for (const written of ['0900-8844', '0900 88 44', '+31 900 8844', '0031 900 8844'])
      expect(isPublic('phone', SELECTOR_SIGNALS.phone.normalise(written)!, list), written).toBe(true);
  });

  it('makes platforms’ bare domains public, but not the links on them that name a person', () => {
    for (const written of ['https://www.instagram.com/', 'instagram.com', 'help.instagram.com', 'wa.me', 'tikkie.me'])
      expect(isPublic('url', SELECTOR_SIGNALS.url.normalise(written)!, list), written).toBe(true);
    for (const written of [
      'https://wa.me/31612345678',
      'https://t.me/night_owl_9',
      'https://tikkie.me/pay/AbC123xyz',
      'https://paypal.me/darkfox78',
      'https://www.instagram.com/darkfox_78/',
      'pay.example.com',
    ])
      expect(isPublic('url', SELECTOR_SIGNALS.url.normalise(written)!, list), written).toBe(false);
  });

  it('keeps addresses on public mail domains as selectors: the domain is public, the person is not', () => {
    expect(isPublic('email', 'j.verkoper@gmail.com', list)).toBe(false);
    expect(isPublic('url', 'gmail.com', list)).toBe(true);
    expect(isPublic('phone', '+31612345678', list)).toBe(false);
  });

  it('answers for an edited list as well as the default one', () => {
    const edited = [...list, { type: 'handle' as const, value: 'politie', note: 'Officieel account' }];
    expect(isPublic('handle', 'politie', edited)).toBe(true);
    expect(isPublic('handle', 'politie', list)).toBe(false);
  });

  it('leaves the helplines in a melding text unlinked while the offender’s number is not public', () => {
    const text = 'Ik heb 0900-8844 gebeld en de Fraudehelpdesk (088-786 73 72). Hij belde vanaf 06-12345678.';
    const occurrences = extractFromText(text).map((o) => [o.value, isPublic(o.type, o.value, list)]);
    expect(occurrences).toEqual([
      ['+319008844', true],
      ['+31887867372', true],
      ['+31612345678', false],
    ]);
  });
});

describe('one selector written any way', () => {
  it.each([
    ['+31 (0)6-12345678', 'phone', '+31612345678'],
    ['J.Verkoper@Example.com', 'email', 'j.verkoper@example.com'],
    ['@DarkFox_78', 'handle', 'darkfox_78'],
    ['darkfox_78 (Snapchat)', 'handle', 'darkfox_78'],
    ['192.0.2.44', 'ip', '192.0.2.44'],
    ['https://www.Example.com/Pay/', 'url', 'example.com/Pay'],
    ['0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed', 'eth', '0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed'],
    ['BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4', 'btc', 'bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4'],
  ])('%s is %s %s', (written, type, value) => {
    expect(classifySelector(written)).toMatchObject({ type, value });
  });

  it('keeps the platform of a handle and refuses what is no selector', () => {
    expect(classifySelector('snap: darkfox_78')).toEqual({ type: 'handle', value: 'darkfox_78', platform: 'snapchat' });
    expect(classifySelector('hallo daar')).toBeNull();
    expect(classifySelector('')).toBeNull();
  });
});
