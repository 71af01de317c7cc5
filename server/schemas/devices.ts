// Devices, places and times of a case (issue 12): the camera bodies with their cross-case links, GPS positions with
// the nearest place, and capture times per body. The victim-identification board reads these shapes.
import { Type, type Static } from 'typebox';
import { RowId } from './common.ts';

const Str = Type.String();
const NStr = Type.Union([Type.String(), Type.Null()]);
const NNum = Type.Union([Type.Number(), Type.Null()]);

export const DeviceParams = Type.Object({
  id: Type.String({ format: 'uuid' }),
  deviceId: Type.String({ pattern: '^[0-9]{1,18}$' }),
});

/** Another case holding the same body: hit/no-hit (number, unit, contact, count) unless the actor may open it. */
const OtherCase = Type.Object({
  number: Str,
  unit: Str,
  visible: Type.Boolean(),
  contact: NStr,
  count: Type.Integer({ description: 'Files in that case taken with this body.' }),
});

const Device = Type.Object({
  id: Str,
  make: Str,
  model: NStr,
  serial: Type.String({ description: 'The body serial as first written; matched ignoring case, spaces and padding.' }),
  lensSerials: Type.Array(Str),
  items: Type.Integer({ description: 'Files of this case taken with this body.' }),
  first: NStr,
  last: NStr,
  otherCases: Type.Array(OtherCase),
});

export const DeviceList = Type.Object({ devices: Type.Array(Device) });
export type DeviceList = Static<typeof DeviceList>;

export const DeviceItemsQuery = Type.Object({
  after: Type.Optional(RowId({ description: 'The `next` of the previous page.' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
});

export const DeviceItemPage = Type.Object({
  device: Type.Object({ id: Str, make: Str, model: NStr, serial: Str }),
  items: Type.Array(Type.Object({ id: Type.Integer(), path: Str, sha256: Str, taken: NStr })),
  next: Type.Union([Type.Integer(), Type.Null()]),
});

export const PlaceList = Type.Object({
  places: Type.Array(
    Type.Object({
      sha256: Str,
      path: Str,
      lat: Type.Number(),
      lon: Type.Number(),
      place: NStr,
      municipality: NStr,
      country: NStr,
      distanceKm: NNum,
      taken: NStr,
    }),
  ),
});

export const Timeline = Type.Object({
  devices: Type.Array(
    Type.Object({
      deviceId: NStr,
      label: Str,
      times: Type.Array(Type.Object({ sha256: Str, taken: Str })),
    }),
  ),
});
