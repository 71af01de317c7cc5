// Maker spellings under one name and models without the maker repeated (the SQL twin is compared in
// test/integration/devices.test.ts).
import { describe, expect, it } from 'vitest';
import { normaliseMake, normaliseModel } from '../../../workers/ingest/exif-normalise.ts';

describe('camera makers and models', () => {
  it('maps the known spellings of a maker to one name, ignoring case and spacing', () => {
    expect(normaliseMake('NIKON CORPORATION')).toBe('Nikon');
    expect(normaliseMake('  nikon   corporation ')).toBe('Nikon');
    expect(normaliseMake('Canon')).toBe('Canon');
    expect(normaliseMake('OLYMPUS IMAGING CORP.')).toBe('Olympus');
    expect(normaliseMake('FUJIFILM')).toBe('Fujifilm');
  });

  it('keeps an unknown maker as written, trimmed, and never guesses from a prefix', () => {
    expect(normaliseMake(' Synthcam ')).toBe('Synthcam');
    expect(normaliseMake('CanonBCDEF')).toBe('CanonBCDEF');
    expect(normaliseMake('   ')).toBeUndefined();
  });

  it('drops the maker from the start of the model', () => {
    expect(normaliseModel('NIKON D750', 'NIKON CORPORATION', 'Nikon')).toBe('D750');
    expect(normaliseModel('Canon EOS R5', 'Canon', 'Canon')).toBe('EOS R5');
    expect(normaliseModel('iPhone 12', 'Apple', 'Apple')).toBe('iPhone 12');
    expect(normaliseModel('Canon', 'Canon', 'Canon')).toBe('Canon');
  });
});
