// Meldingen API: register, list and open meldingen; attachments in report-attachments.routes.ts.
// Outside the need-to-know (the receiving unit's frontoffice and leads, administrators) a melding is a 404.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { actorOf } from '../plugins/auth.ts';
import { errors, IdParams } from '../schemas/common.ts';
import { Report, ReportCreate, ReportDetail, ReportListQuery, ReportPage } from '../schemas/reports.ts';
import type { Services } from '../services/index.ts';
import { presentReport, presentReportDetail } from '../presenters/reports.ts';
import { reportAttachmentRoutes } from './report-attachments.routes.ts';
import { signalsRoutes } from './signals.routes.ts';

type Options = { services: Services; maxAttachmentBytes: number };

export const reportsRoutes: FastifyPluginAsyncTypebox<Options> = async (app, opts) => {
  const { reports } = opts.services;
  const tags = ['reports'];
  app.addHook('onRequest', app.requireUser);

  app.post(
    '/api/reports',
    {
      schema: {
        tags,
        description: 'Register a melding for your unit (administrators: for `unit`); its extraction starts at once.',
        body: ReportCreate,
        response: { 201: Report, ...errors(400, 401, 403, 409) },
      },
    },
    async (request, reply) => {
      const { offence, ...rest } = request.body;
      const created = await reports.create(actorOf(request), { ...rest, offence: offence ?? null });
      reply.code(201);
      return presentReport(created);
    },
  );

  app.get(
    '/api/reports',
    {
      schema: {
        tags,
        description: 'Meldingen of the units you may see, newest received first. Audited as report.list.',
        querystring: ReportListQuery,
        response: { 200: ReportPage, ...errors(400, 401) },
      },
    },
    async (request) => {
      const page = await reports.list(actorOf(request), request.query);
      return { reports: page.rows.map(presentReport), next: page.next };
    },
  );

  app.get(
    '/api/reports/:id',
    {
      schema: {
        tags,
        description: 'One melding with its text, attachments and selector occurrences. Audited as report.view.',
        params: IdParams,
        response: { 200: ReportDetail, ...errors(401, 404) },
      },
    },
    async (request) => presentReportDetail(await reports.detail(actorOf(request), request.params.id)),
  );

  await app.register(reportAttachmentRoutes, opts);
  // Linking's side of the meldingen area: signals, clusters, hints, public selectors and hubs.
  await app.register(signalsRoutes, { services: opts.services });
};
