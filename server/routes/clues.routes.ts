// Clue notes pinned to a region of a case image, and the victim/series suggestions of the signed-in lead.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { actorOf } from '../plugins/auth.ts';
import { errors, IdParams, Ok } from '../schemas/common.ts';
import {
  ClueNote,
  ClueNoteList,
  ClueNoteParams,
  ClueNoteQuery,
  NewClueNote,
  Suggestion,
  SuggestionList,
  SuggestionParams,
  SuggestionQuery,
} from '../schemas/subjects.ts';
import type { Services } from '../services/index.ts';

const tags = ['victim identification'];

const clueNoteRoutes: FastifyPluginAsyncTypebox<{ services: Services }> = async (app, { services }) => {
  const { clueNotes } = services;

  app.get(
    '/api/cases/:id/clue-notes',
    {
      schema: {
        tags,
        description: 'Audited as clue-note.list.',
        params: IdParams,
        querystring: ClueNoteQuery,
        response: { 200: ClueNoteList, ...errors(400, 401, 404) },
      },
    },
    (request) => clueNotes.list(actorOf(request), request.params.id, request.query.sha256 ?? null),
  );

  app.post(
    '/api/cases/:id/clue-notes',
    {
      schema: {
        tags,
        description: 'Audited as clue-note.create.',
        params: IdParams,
        body: NewClueNote,
        response: { 201: ClueNote, ...errors(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      reply.code(201);
      return clueNotes.create(actorOf(request), request.params.id, request.body);
    },
  );

  app.delete(
    '/api/cases/:id/clue-notes/:noteId',
    {
      schema: {
        tags,
        description: 'Audited as clue-note.delete.',
        params: ClueNoteParams,
        response: { 200: Ok, ...errors(400, 401, 403, 404) },
      },
    },
    (request) => clueNotes.remove(actorOf(request), request.params.id, request.params.noteId),
  );
};

const suggestionRoutes: FastifyPluginAsyncTypebox<{ services: Services }> = async (app, { services }) => {
  const { suggestions } = services;
  app.get(
    '/api/suggestions',
    {
      schema: {
        tags,
        description:
          'Suggestions "possibly the same victim / series" for the cases the signed-in lead leads (default: open). ' +
          'Audited as suggestion.view.',
        querystring: SuggestionQuery,
        response: { 200: SuggestionList, ...errors(400, 401) },
      },
    },
    (request) => suggestions.list(actorOf(request), request.query.state ?? 'open'),
  );

  for (const [verb, state] of [
    ['accept', 'accepted'],
    ['dismiss', 'dismissed'],
  ] as const) {
    app.post(
      `/api/suggestions/:suggestionId/${verb}`,
      {
        schema: {
          tags,
          description: `Audited as suggestion.${verb}.`,
          params: SuggestionParams,
          response: { 200: Suggestion, ...errors(400, 401, 404) },
        },
      },
      (request) => suggestions.decide(actorOf(request), request.params.suggestionId, state),
    );
  }
};

export const cluesRoutes: FastifyPluginAsyncTypebox<{ services: Services }> = async (app, opts) => {
  app.addHook('onRequest', app.requireUser);
  await app.register(clueNoteRoutes, opts);
  await app.register(suggestionRoutes, opts);
};
