// Capture times: EXIF, ISO and day/month forms, parsed only when unambiguous and real; otherwise null, never invalid.
import { describe, expect, it } from 'vitest';
import { parseCaptureTime } from '../../../workers/ingest/exif-time.ts';

describe('parseCaptureTime', () => {
  it('reads the EXIF form as local time, and as UTC for sorting when no offset was recorded', () => {
    expect(parseCaptureTime('2024:05:17 14:03:22')).toEqual({
      taken: '2024-05-17T14:03:22',
      instant: '2024-05-17T14:03:22.000Z',
    });
  });

  it('keeps OffsetTimeOriginal in the time and applies it to the instant', () => {
    expect(parseCaptureTime('2024:05:17 14:03:22', '+02:00')).toEqual({
      taken: '2024-05-17T14:03:22+02:00',
      instant: '2024-05-17T12:03:22.000Z',
    });
    expect(parseCaptureTime('2024-05-17T14:03:22.120-05:30')?.instant).toBe('2024-05-17T19:33:22.000Z');
  });

  it('parses day/month forms only when they cannot be read two ways', () => {
    expect(parseCaptureTime('17/05/2024 14:03:22')?.taken).toBe('2024-05-17T14:03:22');
    expect(parseCaptureTime('05/17/2024 14:03:22')?.taken).toBe('2024-05-17T14:03:22');
    expect(parseCaptureTime('05/05/2024 09:00')?.taken).toBe('2024-05-05T09:00:00');
    expect(parseCaptureTime('05/06/2024 14:03:22')).toBeNull();
  });

  it('never yields an invalid date: placeholders, impossible days and clocks, bad offsets, a date alone', () => {
    for (const raw of [
      '0000:00:00 00:00:00',
      '2023:02:29 10:00:00',
      '2024:13:01 10:00:00',
      '2024:04:31 10:00:00',
      '2024:05:17 24:00:00',
      '31/31/2024 10:00:00',
      '2024:05:17',
      'gisteren',
      '    ',
    ])
      expect(parseCaptureTime(raw), raw).toBeNull();
    expect(parseCaptureTime('2024:02:29 10:00:00')?.taken).toBe('2024-02-29T10:00:00');
    expect(parseCaptureTime('2024:05:17 14:03:22', '+25:00')).toBeNull();
    expect(parseCaptureTime(undefined)).toBeNull();
  });
});
