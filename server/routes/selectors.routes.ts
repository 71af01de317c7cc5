// Administrators' selector controls: the public-selector list (never links) and hubs held for review.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { actorOf } from '../plugins/auth.ts';
import { NO_BODY } from '../plugins/http-edge.ts';
import { presentHub, presentPublicSelector } from '../presenters/signals.ts';
import { errors } from '../schemas/common.ts';
import {
  Hub,
  HubDecided,
  HubDecision,
  HubQuery,
  PublicAddBody,
  PublicChange,
  PublicSelector,
  SelectorType,
} from '../schemas/selectors.ts';
import type { Services } from '../services/index.ts';

type Options = { services: Services };
const tags = ['selectors'];

const publicRoutes: FastifyPluginAsyncTypebox<Options> = async (app, { services }) => {
  const admin = services.selectorsAdmin;

  app.get(
    '/api/selectors/public',
    {
      schema: {
        tags,
        description: 'The public selectors that never link (administrators).',
        response: { 200: Type.Object({ selectors: Type.Array(PublicSelector) }), ...errors(401, 403) },
      },
    },
    async (request) => ({ selectors: (await admin.listPublic(actorOf(request))).map(presentPublicSelector) }),
  );

  app.post(
    '/api/selectors/public',
    {
      schema: {
        tags,
        description: 'Make a selector public (any written form): its links are removed. Audited.',
        body: PublicAddBody,
        response: { 200: PublicChange, ...errors(400, 401, 403) },
      },
    },
    async (request) => {
      const r = await admin.addPublic(actorOf(request), request.body);
      return { type: r.type, value: r.value, changed: r.added, links: r.unlinked };
    },
  );

  app.delete(
    '/api/selectors/public/:type/:value',
    {
      config: NO_BODY,
      schema: {
        tags,
        description: 'Take a selector off the public list: the meldingen carrying it are linked again. Audited.',
        params: Type.Object({ type: SelectorType, value: Type.String({ minLength: 1, maxLength: 300 }) }),
        response: { 200: PublicChange, ...errors(400, 401, 403) },
      },
    },
    async (request) => {
      const { type, value } = request.params;
      const r = await admin.removePublic(actorOf(request), { type, selector: value });
      return { type: r.type, value: r.value, changed: r.removed, links: r.linked };
    },
  );
};

const hubRoutes: FastifyPluginAsyncTypebox<Options> = async (app, { services }) => {
  const admin = services.selectorsAdmin;
  app.get(
    '/api/selectors/hubs',
    {
      schema: {
        tags,
        description: 'Selectors held for review as hubs, and decided ones (administrators).',
        querystring: HubQuery,
        response: { 200: Type.Object({ hubs: Type.Array(Hub) }), ...errors(401, 403) },
      },
    },
    async (request) => ({
      hubs: (await admin.listHubs(actorOf(request), request.query.state ?? null)).map(presentHub),
    }),
  );

  app.post(
    '/api/selectors/hubs/decide',
    {
      schema: {
        tags,
        description: "A hub is public (never links) or an offender's (links after all). Audited.",
        body: HubDecision,
        response: { 200: HubDecided, ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => admin.decideHub(actorOf(request), request.body),
  );
};

/** Registered by signals.routes.ts, whose requireUser hook covers these too. */
export const selectorsRoutes: FastifyPluginAsyncTypebox<Options> = async (app, opts) => {
  await app.register(publicRoutes, opts);
  await app.register(hubRoutes, opts);
};
