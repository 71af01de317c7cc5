// Text in case media: search within a case, one content's recognised text, the case's selectors with their cross
// hits, and the cross-case text lookup. Outsiders of a case get 404, prosecutors 403 (text read from media is media
// content); every answer is audited by the services.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { actorOf } from '../plugins/auth.ts';
import {
  CaseMediaParams,
  CaseSelectors,
  TextLookupBody,
  TextLookupResult,
  TextSearchQuery,
  TextSearchResult,
  TextView,
  TextViewQuery,
} from '../schemas/case-text.ts';
import { errors, IdParams } from '../schemas/common.ts';
import type { Services } from '../services/index.ts';

export const caseTextRoutes: FastifyPluginAsyncTypebox<{ services: Services }> = async (app, { services }) => {
  app.addHook('onRequest', app.requireUser);

  app.get(
    '/api/cases/:id/text',
    {
      schema: {
        tags: ['text'],
        description: 'Full-text search (Dutch and English) over the text recognised in the case media.',
        params: IdParams,
        querystring: TextSearchQuery,
        response: { 200: TextSearchResult, ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => services.caseText.search(actorOf(request), request.params.id, request.query),
  );

  app.get(
    '/api/cases/:id/media/:sha256/text',
    {
      schema: {
        tags: ['text'],
        description: 'The recognised text of one content with its word boxes (status no-text: skipped by pre-check).',
        params: CaseMediaParams,
        querystring: TextViewQuery,
        response: { 200: TextView, ...errors(400, 401, 403, 404) },
      },
    },
    async (request) =>
      services.caseText.text(actorOf(request), request.params.id, request.params.sha256, request.query.q),
  );

  app.get(
    '/api/cases/:id/selectors',
    {
      schema: {
        tags: ['text'],
        description: 'Selectors read from the case media, with the meldingen and cases that share them (need-to-know).',
        params: IdParams,
        response: { 200: CaseSelectors, ...errors(401, 403, 404) },
      },
    },
    async (request) => services.caseSelectors.list(actorOf(request), request.params.id),
  );

  app.post(
    '/api/lookup/text',
    {
      schema: {
        tags: ['lookup'],
        description: 'Has this text been seen in any case? Hit/no-hit for cases you may not open.',
        body: TextLookupBody,
        response: { 200: TextLookupResult, ...errors(400, 401, 403) },
      },
    },
    async (request) => services.caseText.lookup(actorOf(request), request.body.query),
  );
};
