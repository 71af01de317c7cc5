// The video API beside the grid: detail, strip (safe or revealed) and explicit, audited, muted playback.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { actorOf } from '../plugins/auth.ts';
import { errors } from '../schemas/common.ts';
import { MediaParams } from '../schemas/media.ts';
import { BinaryBody, PlayGrant, StreamQuery, StripQuery, VideoDetail } from '../schemas/video.ts';
import type { Services } from '../services/index.ts';

type Options = { services: Services };
const tags = ['media'];

/** What a video is, and its strip: safe by default, sharp only after the caller's own audited reveal. */
const viewRoutes: FastifyPluginAsyncTypebox<Options> = async (app, { services: { video } }) => {
  app.get(
    '/api/cases/:id/media/:sha256/video',
    {
      schema: {
        tags,
        description: 'Duration, size, codec, sampled frames with PDQ, strip size and alike videos. Audited.',
        params: MediaParams,
        response: { 200: VideoDetail, ...errors(400, 401, 404) },
      },
    },
    async (request) => video.detail(actorOf(request), request.params.id, request.params.sha256),
  );

  app.get(
    '/api/cases/:id/media/:sha256/strip',
    {
      schema: {
        tags,
        produces: ['image/webp'],
        description:
          'Up to 16 frames side by side, each greyscale and blurred; audited per fetch. With `reveal` (the ' +
          "auditId of one's own recent reveal of this video) the sharp strip, audited per fetch.",
        params: MediaParams,
        querystring: StripQuery,
        response: { 200: BinaryBody, ...errors(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const { params, query } = request;
      const { body, revealed } = await video.strip(actorOf(request), params.id, params.sha256, query.reveal);
      return reply
        .type('image/webp')
        .header('cache-control', revealed ? 'private, no-store' : 'private, max-age=3600')
        .header('x-content-type-options', 'nosniff')
        .send(body);
    },
  );
};

/** Playback: only after an explicit, audited press of play; the client plays it muted and never on its own. */
const playRoutes: FastifyPluginAsyncTypebox<Options> = async (app, { services: { video } }) => {
  app.post(
    '/api/cases/:id/media/:sha256/play',
    {
      schema: {
        tags,
        description: 'An explicit press of "play", audited as media.play; its auditId fetches the video briefly.',
        params: MediaParams,
        response: { 200: PlayGrant, ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => video.play(actorOf(request), request.params.id, request.params.sha256),
  );

  app.get(
    '/api/cases/:id/media/:sha256/stream',
    {
      schema: {
        tags,
        description: "The video's bytes, only with `play`: the auditId of one's own recent press of play.",
        params: MediaParams,
        querystring: StreamQuery,
        response: { 200: BinaryBody, ...errors(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const { params, query } = request;
      const { body, mime } = await video.stream(actorOf(request), params.id, params.sha256, query.play);
      return reply
        .type(mime)
        .header('cache-control', 'private, no-store')
        .header('x-content-type-options', 'nosniff')
        .header('content-disposition', 'inline')
        .send(body);
    },
  );
};

export const videoRoutes: FastifyPluginAsyncTypebox<Options> = async (app, opts) => {
  app.addHook('onRequest', app.requireUser);
  await app.register(viewRoutes, opts);
  await app.register(playRoutes, opts);
};
