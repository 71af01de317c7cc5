import { describe, expect, it } from 'vitest';
import { extractFromText } from '../../../workers/selectors/extract-text.ts';

function roles(text: string): string[] {
  return extractFromText(text).map((o) => `${o.value}=${o.role}`);
}

describe('whose selector it is', () => {
  it('marks the melder’s and the victim’s own contact details, which never link', () => {
    expect(roles('Mijn nummer is 06-12345670.')).toEqual(['+31612345670=reporter']);
    expect(roles('My number is +31 6 1234 5670.')).toEqual(['+31612345670=reporter']);
    expect(roles('Telefoonnummer melder: 06-12345671')).toEqual(['+31612345671=reporter']);
    expect(roles('E-mail ouder: ouder@example.nl')).toEqual(['ouder@example.nl=reporter']);
    expect(roles('Tel. melder: 06-12345671')).toEqual(['+31612345671=reporter']);
    expect(roles('Telefoonnummer slachtoffer: 06-12345672')).toEqual(['+31612345672=victim']);
    expect(roles('Het nummer van mijn dochter is 06-12345673.')).toEqual(['+31612345673=victim']);
    expect(roles('U kunt mij bereiken op 06-12345674.')).toEqual(['+31612345674=reporter']);
  });

  it('marks values the text ties to the offender, and leaves the rest unknown', () => {
    expect(roles('Dader: 06-12345678')).toEqual(['+31612345678=offender']);
    expect(roles('Ze werd gebeld door 06-12345678.')).toEqual(['+31612345678=offender']);
    expect(roles('Telefoonnummer verdachte: 06-12345678')).toEqual(['+31612345678=offender']);
    expect(roles('Er werd 06-12345678 genoemd.')).toEqual(['+31612345678=unknown']);
  });

  it('does not let a role word elsewhere in the sentence decide', () => {
    expect(roles('De dader heeft mijn dochter benaderd via snap: darkfox_78')).toEqual(['darkfox_78=unknown']);
    expect(roles('Mijn dochter kreeg berichten van @darkfox_78')).toEqual(['darkfox_78=unknown']);
  });

  it('gives each value of a form its own label, and a list the role of its label', () => {
    const form = 'Telefoonnummer melder: 06-12345670\nTelefoonnummer dader: 06-12345678\nOverig: 06-12345679';
    expect(roles(form)).toEqual(['+31612345670=reporter', '+31612345678=offender', '+31612345679=unknown']);
    expect(roles('Mijn nummers zijn 06-12345670 en 06-12345671, zijn nummer is 06-12345678.')).toEqual([
      '+31612345670=reporter',
      '+31612345671=reporter',
      '+31612345678=unknown',
    ]);
  });

  it('does not take someone else’s quoted words for the melder’s own', () => {
    expect(roles('Hij schreef: mijn nummer is 06-12345678')).toEqual(['+31612345678=unknown']);
    expect(roles('Hij stuurde "mijn snapchat is darkfox_78" naar haar.')).toEqual(['darkfox_78=unknown']);
  });
});

describe('when an IP address was seen', () => {
  it('keeps the time (and date) the text gives beside the address', () => {
    const occurrences = extractFromText(
      'Ze logde om 14:32 in vanaf 192.0.2.44. Op 12-03-2026 om 9:05 uur vanaf 2001:0DB8::0001.\n' +
        'Log: 198.51.100.7 2026-03-12T14:32:05Z\n' +
        'Zonder tijd: 203.0.113.9',
    );
    expect(occurrences.map((o) => [o.value, o.seenAt])).toEqual([
      ['192.0.2.44', '14:32'],
      ['2001:db8::1', '2026-03-12 09:05'],
      ['198.51.100.7', '2026-03-12 14:32:05 UTC'],
      ['203.0.113.9', null],
    ]);
  });

  it('gives each address on one line its own time, whichever side the text writes it', () => {
    const before = extractFromText('om 14:32 vanaf 192.0.2.44, om 14:40 vanaf 198.51.100.7');
    const after = extractFromText('vanaf 192.0.2.44 om 14:32 en vanaf 198.51.100.7 om 15:10');
    expect(before.map((o) => o.seenAt)).toEqual(['14:32', '14:40']);
    expect(after.map((o) => o.seenAt)).toEqual(['14:32', '15:10']);
  });

  it('does not read times or version-like numbers as addresses', () => {
    expect(extractFromText('om 14:32:05 en versie 1.2.3 en 192.0.2.256').map((o) => o.value)).toEqual([]);
  });
});
