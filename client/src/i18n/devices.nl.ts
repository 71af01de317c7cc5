// Dutch strings of the grid's device/place/time filters and the EXIF block of the detail panel; en in devices.en.ts.
export const devicesNl = {
  'clues.summary': 'Toestel, plaats en tijd',
  'clues.device': 'Toestel (merk + serienummer)',
  'clues.device.loading': 'Toestellen laden…',
  'clues.device.none': 'Geen toestellen met serienummer in deze zaak.',
  'clues.device.option': '{make} {model} · {serial} ({n})',
  'clues.device.elsewhere': 'ook in {n} andere zaak/zaken',
  'clues.place': 'Plaats of gemeente',
  'clues.place.hint': 'Dichtstbijzijnde plaats van de GPS-positie (GeoNames, offline).',
  'clues.time': 'Opnametijd: gebruik Van/Tot hierboven.',
  'exif.lensSerial': 'Lens-serienummer',
  'exif.takenRaw': 'Opnametijd zoals in het bestand',
  'exif.place': 'Plaats',
  'exif.placeText': '{place}, {municipality} ({country}) · {km} km',
  'exif.error': 'EXIF-probleem',
} as const satisfies Record<string, string>;
