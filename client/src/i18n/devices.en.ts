// English strings of the grid's device/place/time filters and the EXIF block of the detail panel; nl in devices.nl.ts.
import type { devicesNl } from './devices.nl.ts';

export const devicesEn: Record<keyof typeof devicesNl, string> = {
  'clues.summary': 'Device, place and time',
  'clues.device': 'Device (make + serial number)',
  'clues.device.loading': 'Loading devices…',
  'clues.device.none': 'No devices with a serial number in this case.',
  'clues.device.option': '{make} {model} · {serial} ({n})',
  'clues.device.elsewhere': 'also in {n} other case(s)',
  'clues.place': 'Place or municipality',
  'clues.place.hint': 'Nearest place of the GPS position (GeoNames, offline).',
  'clues.time': 'Capture time: use From/To above.',
  'exif.lensSerial': 'Lens serial number',
  'exif.takenRaw': 'Capture time as in the file',
  'exif.place': 'Place',
  'exif.placeText': '{place}, {municipality} ({country}) · {km} km',
  'exif.error': 'EXIF problem',
};
