// Devices, places and times of a case: need-to-know as for the case's media (outsiders get 404), audited.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { actorOf } from '../plugins/auth.ts';
import { errors, IdParams } from '../schemas/common.ts';
import { DeviceItemPage, DeviceItemsQuery, DeviceList, DeviceParams, PlaceList, Timeline } from '../schemas/devices.ts';
import type { Services } from '../services/index.ts';

type Options = { services: Services };
const tags = ['devices'];

export const devicesRoutes: FastifyPluginAsyncTypebox<Options> = async (app, { services: { devices, places } }) => {
  app.get(
    '/api/cases/:id/devices',
    {
      schema: {
        tags,
        description: 'Camera bodies (make + body serial) in the case, with the other cases that hold the same body.',
        params: IdParams,
        response: { 200: DeviceList, ...errors(401, 404) },
      },
    },
    async (request) => ({ devices: await devices.list(actorOf(request), request.params.id) }),
  );

  app.get(
    '/api/cases/:id/devices/:deviceId/items',
    {
      schema: {
        tags,
        description: 'The files of the case taken with one body, keyset-paginated by item id.',
        params: DeviceParams,
        querystring: DeviceItemsQuery,
        response: { 200: DeviceItemPage, ...errors(400, 401, 404) },
      },
    },
    async (request) => {
      const page = { after: request.query.after ?? 0, limit: request.query.limit ?? 200 };
      return devices.items(actorOf(request), request.params.id, request.params.deviceId, page);
    },
  );

  app.get(
    '/api/cases/:id/places',
    {
      schema: {
        tags,
        description: 'GPS positions of the case with the nearest place from the offline gazetteer (GeoNames).',
        params: IdParams,
        response: { 200: PlaceList, ...errors(401, 404) },
      },
    },
    async (request) => ({ places: await places.places(actorOf(request), request.params.id) }),
  );

  app.get(
    '/api/cases/:id/timeline',
    {
      schema: {
        tags,
        description: 'Capture times per camera body; pictures without a known body under one "unknown camera" row.',
        params: IdParams,
        response: { 200: Timeline, ...errors(401, 404) },
      },
    },
    async (request) => ({ devices: await places.timeline(actorOf(request), request.params.id) }),
  );
};
