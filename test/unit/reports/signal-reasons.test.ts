// The reason sentences of signals: one sentence in Dutch and English naming the linking selector and the units, and
// for each unit only its own melding and a value it carries itself — never another unit's selector or text.
import { describe, expect, it } from 'vitest';
import { reasonFacts, reasonSentence, type Link, type Member } from '../../../workers/reports/reasons.ts';

const m = (id: string, number: string, unitId: number, unit: string): Member => ({ id, number, unitId, unit });
const ON = [m('o1', 'ON-2026-0007', 2, 'Oost-Nederland'), m('o2', 'ON-2026-0011', 2, 'Oost-Nederland')];
const AM = m('a1', '2026-0042', 5, 'Amsterdam');
const RT = m('r1', 'RT-88', 7, 'Rotterdam');
const PHONE = '+31612345601';

describe('reason sentences', () => {
  it('says which melding shares which selector with how many meldingen of which unit', () => {
    const links: Link[] = [
      { a: 'a1', b: 'o1', type: 'phone', value: PHONE },
      { a: 'a1', b: 'o2', type: 'phone', value: PHONE },
      { a: 'o1', b: 'o2', type: 'phone', value: PHONE },
    ];
    const facts = reasonFacts('cross-unit', 5, 'a1', links, [AM, ...ON])!;
    expect(reasonSentence(facts)).toEqual({
      nl: `Melding 2026-0042 deelt telefoonnummer ${PHONE} met 2 meldingen van eenheid Oost-Nederland.`,
      en: `Melding 2026-0042 shares phone number ${PHONE} with 2 meldingen of unit Oost-Nederland.`,
    });
  });

  it("tells the other unit about its own melding and the value it carries, not the newcomer's", () => {
    const links: Link[] = [
      { a: 'a1', b: 'o1', type: 'handle', value: 'darkfox_78' },
      { a: 'a1', b: 'r1', type: 'email', value: 'j.verkoper@example.com' },
    ];
    const members = [AM, ON[0]!, RT];
    const forOost = reasonSentence(reasonFacts('cross-unit', 2, 'a1', links, members)!);
    expect(forOost.nl).toBe(
      'Melding ON-2026-0007 deelt gebruikersnaam darkfox_78 met 1 melding van eenheid Amsterdam, ' +
        'in een cluster van 3 meldingen uit 3 eenheden.',
    );
    // Oost-Nederland never had the e-mail address: it must not read it in its sentence.
    expect(forOost.nl).not.toContain('example.com');
    expect(forOost.en).not.toContain('example.com');
    const forRotterdam = reasonSentence(reasonFacts('cross-unit', 7, 'a1', links, members)!);
    expect(forRotterdam.en).toBe(
      'Melding RT-88 shares e-mail address j.verkoper@example.com with 1 melding of unit Amsterdam, ' +
        'in a cluster of 3 meldingen from 3 units.',
    );
    expect(forRotterdam.nl).not.toContain('darkfox');
  });

  it('names several units in one sentence, the largest count first', () => {
    const links: Link[] = [
      { a: 'a1', b: 'o1', type: 'iban', value: 'NL02ABCD0123456789' },
      { a: 'a1', b: 'o2', type: 'iban', value: 'NL02ABCD0123456789' },
      { a: 'a1', b: 'r1', type: 'iban', value: 'NL02ABCD0123456789' },
    ];
    const facts = reasonFacts('cross-unit', 5, 'a1', links, [AM, ...ON, RT])!;
    expect(reasonSentence(facts).nl).toBe(
      'Melding 2026-0042 deelt IBAN NL02ABCD0123456789 met 2 meldingen van eenheid Oost-Nederland en ' +
        '1 melding van eenheid Rotterdam.',
    );
  });

  it('says when a cluster reaches three meldingen', () => {
    const own = [m('x1', 'MN-1', 3, 'Midden-Nederland'), m('x2', 'MN-2', 3, 'Midden-Nederland')];
    const raiser = m('x3', 'MN-3', 3, 'Midden-Nederland');
    const links: Link[] = [
      { a: 'x1', b: 'x2', type: 'url', value: 'tikkie.me/pay/abc123' },
      { a: 'x2', b: 'x3', type: 'url', value: 'tikkie.me/pay/abc123' },
      { a: 'x1', b: 'x3', type: 'url', value: 'tikkie.me/pay/abc123' },
    ];
    const facts = reasonFacts('three-or-more', 3, 'x3', links, [...own, raiser])!;
    expect(reasonSentence(facts)).toEqual({
      nl:
        'Melding MN-3 deelt link tikkie.me/pay/abc123 met 2 meldingen van eenheid Midden-Nederland, ' +
        'waarmee het cluster 3 meldingen telt.',
      en:
        'Melding MN-3 shares link tikkie.me/pay/abc123 with 2 meldingen of unit Midden-Nederland, ' +
        'which brings the cluster to 3 meldingen.',
    });
  });

  it('has nothing to say to a unit without a melding in the cluster', () => {
    const links: Link[] = [{ a: 'a1', b: 'o1', type: 'phone', value: PHONE }];
    expect(reasonFacts('cross-unit', 7, 'a1', links, [AM, ON[0]!])).toBeNull();
  });
});
