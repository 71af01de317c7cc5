// Signals for the frontoffice (queue, one signal with its cluster, acknowledge / assign / close), the cluster view
// and a melding's links with its "lijkt op" hints. Outside the unit's need-to-know a signal or cluster is a 404.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { actorOf } from '../plugins/auth.ts';
import { NO_BODY } from '../plugins/http-edge.ts';
import { presentSignal } from '../presenters/signals.ts';
import { errors, IdParams, RowId } from '../schemas/common.ts';
import {
  AssignBody,
  CloseBody,
  Cluster,
  ReportLinks,
  Signal,
  SignalDetail,
  SignalIdParams,
  SignalPage,
  SignalQuery,
} from '../schemas/signals.ts';
import type { Services } from '../services/index.ts';
import { selectorsRoutes } from './selectors.routes.ts';

type Options = { services: Services };
const tags = ['signals'];

const stepRoutes: FastifyPluginAsyncTypebox<Options> = async (app, { services }) => {
  const { signals } = services;
  app.post(
    '/api/signals/:id/acknowledge',
    {
      config: NO_BODY,
      schema: {
        tags,
        description: 'Seen: the signal moves from open to acknowledged. Audited.',
        params: SignalIdParams,
        response: { 200: Signal, ...errors(401, 404, 409) },
      },
    },
    async (request) =>
      presentSignal(await signals.step(actorOf(request), request.params.id, { action: 'acknowledge' })),
  );

  app.post(
    '/api/signals/:id/assign',
    {
      schema: {
        tags,
        description: "Assign to a frontoffice member or lead of the signal's unit. Audited.",
        params: SignalIdParams,
        body: AssignBody,
        response: { 200: Signal, ...errors(400, 401, 404, 409) },
      },
    },
    async (request) =>
      presentSignal(
        await signals.step(actorOf(request), request.params.id, { action: 'assign', assignee: request.body.assignee }),
      ),
  );

  app.post(
    '/api/signals/:id/close',
    {
      schema: {
        tags,
        description: 'Close with a note saying what was done. Audited.',
        params: SignalIdParams,
        body: CloseBody,
        response: { 200: Signal, ...errors(400, 401, 404, 409) },
      },
    },
    async (request) =>
      presentSignal(
        await signals.step(actorOf(request), request.params.id, { action: 'close', note: request.body.note }),
      ),
  );
};

const viewRoutes: FastifyPluginAsyncTypebox<Options> = async (app, { services }) => {
  const { signals } = services;
  app.get(
    '/api/signals',
    {
      schema: {
        tags,
        description: "Your unit's signals: open first, then by priority. Audited as signal.list.",
        querystring: SignalQuery,
        response: { 200: SignalPage, ...errors(400, 401) },
      },
    },
    async (request) => {
      const page = await signals.queue(actorOf(request), request.query);
      return { signals: page.rows.map(presentSignal), next: page.next };
    },
  );

  app.get(
    '/api/signals/:id',
    {
      schema: {
        tags,
        description: "One signal with its cluster: other units' meldingen as hit/no-hit only. Audited.",
        params: SignalIdParams,
        response: { 200: SignalDetail, ...errors(401, 404) },
      },
    },
    async (request) => {
      const { signal, cluster } = await signals.detail(actorOf(request), request.params.id);
      return { signal: presentSignal(signal), cluster };
    },
  );

  app.get(
    '/api/clusters/:id',
    {
      schema: {
        tags,
        description: 'A cluster of linked meldingen with the linking selectors and "lijkt op" hints. Audited.',
        params: Type.Object({ id: RowId() }),
        response: { 200: Cluster, ...errors(401, 404) },
      },
    },
    async (request) => signals.cluster(actorOf(request), request.params.id),
  );

  app.get(
    '/api/reports/:id/links',
    {
      schema: {
        tags: ['reports'],
        description: 'The cluster of a melding and its "lijkt op" hints (shown, never linked). Audited.',
        params: IdParams,
        response: { 200: ReportLinks, ...errors(401, 404) },
      },
    },
    async (request) => signals.reportLinks(actorOf(request), request.params.id),
  );
};

export const signalsRoutes: FastifyPluginAsyncTypebox<Options> = async (app, opts) => {
  app.addHook('onRequest', app.requireUser);
  await app.register(viewRoutes, opts);
  await app.register(stepRoutes, opts);
  // The administrators' side of the same selectors: the public list and hubs.
  await app.register(selectorsRoutes, opts);
};
