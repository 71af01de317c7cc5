import { describe, expect, it } from 'vitest';
import { extractFromText } from '../../../workers/selectors/extract-text.ts';

function handles(text: string) {
  return extractFromText(text)
    .filter((o) => o.type === 'handle')
    .map(({ value, platform, surface }) => ({ value, platform, surface }));
}

describe('handles in free text', () => {
  it('reads @names, "snap: name", "insta: name" and "(Snapchat)" notes, keeping the platform beside the name', () => {
    const text =
      'Eerst @DarkFox_78, toen snap: night.owl_9 en insta: @Zon_Licht. Zijn tiktok is dark-fox_78. ' +
      'Later Kwade_Wolf (Snapchat) en @maan.ster [IG].';
    expect(handles(text)).toEqual([
      { value: 'darkfox_78', platform: null, surface: '@DarkFox_78' },
      { value: 'night.owl_9', platform: 'snapchat', surface: 'night.owl_9' },
      { value: 'zon_licht', platform: 'instagram', surface: '@Zon_Licht' },
      { value: 'dark-fox_78', platform: 'tiktok', surface: 'dark-fox_78' },
      { value: 'kwade_wolf', platform: 'snapchat', surface: 'Kwade_Wolf (Snapchat)' },
      { value: 'maan.ster', platform: 'instagram', surface: '@maan.ster [IG]' },
    ]);
  });

  it('reads "mijn snapchat is name" but not "mijn snapchat is gehackt"', () => {
    expect(handles('Mijn snapchat is zonnebloem_12.').map((h) => h.value)).toEqual(['zonnebloem_12']);
    expect(handles('Mijn snapchat is gehackt en zijn insta is privé.')).toEqual([]);
  });

  it('keeps DarkFox_78 and darkfox_77 apart', () => {
    expect(handles('@DarkFox_78 en @darkfox_77').map((h) => h.value)).toEqual(['darkfox_78', 'darkfox_77']);
  });

  it('does not read e-mail addresses, times or prices as handles', () => {
    expect(handles('mail j.verkoper@example.com om @ 14:32 of @14:32, prijs @ €5')).toEqual([]);
  });

  it('reads the handle a profile link names, at the link’s place', () => {
    const text = 'Profiel: https://www.instagram.com/DarkFox_78/ en https://t.me/night_owl_9 en tiktok.com/@zon_licht';
    const occurrences = extractFromText(text).map((o) => [o.type, o.value, o.platform]);
    expect(occurrences).toEqual([
      ['url', 'instagram.com/DarkFox_78', null],
      ['handle', 'darkfox_78', 'instagram'],
      ['url', 't.me/night_owl_9', null],
      ['handle', 'night_owl_9', 'telegram'],
      ['url', 'tiktok.com/@zon_licht', null],
      ['handle', 'zon_licht', 'tiktok'],
    ]);
  });

  it('reads the phone number a WhatsApp link carries', () => {
    const values = extractFromText('Stuur een app via https://wa.me/31612345678').map((o) => `${o.type}:${o.value}`);
    expect(values).toEqual(['url:wa.me/31612345678', 'phone:+31612345678']);
  });
});
