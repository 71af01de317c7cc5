// A melding's attachments: raw upload (streamed to the store under its SHA-256), images blurred by default with an
// audited reveal for the clear view, PDFs as an audited download.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { actorOf } from '../plugins/auth.ts';
import { NO_BODY } from '../plugins/http-edge.ts';
import { bodyStream, streamBody, streamParsers } from '../plugins/raw-body.ts';
import { errors, IdParams } from '../schemas/common.ts';
import {
  Attachment,
  AttachmentImageQuery,
  AttachmentParams,
  AttachmentReveal,
  AttachmentUploadQuery,
  BinaryBody,
} from '../schemas/reports.ts';
import type { Services } from '../services/index.ts';
import { presentAttachment } from '../presenters/reports.ts';

const MiB = 1024 ** 2;
const attachmentTooLarge = (max: number) => ({
  nl:
    `De bijlage is groter dan het maximum van ${(max / MiB).toFixed(0)} MiB (SPOOR_MAX_ATTACHMENT_BYTES). ` +
    'Verklein de afbeelding of splits de PDF, of vraag de beheerder het maximum te verhogen.',
  en:
    `The attachment is larger than the maximum of ${(max / MiB).toFixed(0)} MiB (SPOOR_MAX_ATTACHMENT_BYTES). ` +
    'Shrink the image or split the PDF, or ask the administrator to raise the maximum.',
});

type Options = { services: Services; maxAttachmentBytes: number };

const tags = ['reports'];

const uploadRoutes: FastifyPluginAsyncTypebox<Options> = async (app, opts) => {
  const { reportAttachments: attachments } = opts.services;
  streamParsers(app, ['application/octet-stream']);

  app.post(
    '/api/reports/:id/attachments',
    {
      // Sign-in, need-to-know and the declared size are checked before the first byte is read.
      ...streamBody({
        types: ['application/octet-stream'],
        maxBytes: opts.maxAttachmentBytes,
        tooLarge: attachmentTooLarge,
        authorise: (request) => attachments.authorise(actorOf(request), (request.params as { id: string }).id),
      }),
      schema: {
        tags,
        description: 'Upload an image or PDF as the raw request body (Content-Type: application/octet-stream).',
        params: IdParams,
        querystring: AttachmentUploadQuery,
        response: { 201: Attachment, ...errors(400, 401, 404, 409, 413, 415, 507) },
      },
    },
    async (request, reply) => {
      const upload = { body: bodyStream(request), name: request.query.name, expectedSha256: request.query.sha256 };
      const row = await attachments.upload(actorOf(request), request.params.id, upload);
      reply.code(201);
      return presentAttachment(row);
    },
  );
};

const viewRoutes: FastifyPluginAsyncTypebox<Options> = async (app, opts) => {
  const { reportAttachmentViews: views } = opts.services;

  app.get(
    '/api/reports/:id/attachments/:attachmentId/image',
    {
      schema: {
        tags,
        produces: ['image/webp', 'image/png', 'image/jpeg', 'image/gif'],
        description:
          'The image greyscale and blurred (WebP), audited as report.attachment.view. With `reveal` (the auditId ' +
          "of one's own recent reveal of this attachment) the clear image, audited per fetch.",
        params: AttachmentParams,
        querystring: AttachmentImageQuery,
        response: { 200: BinaryBody, ...errors(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const { id, attachmentId } = request.params;
      const shown = await views.image(actorOf(request), id, attachmentId, request.query.reveal);
      // Revealed bytes never rest in a cache; the blurred rendition may stay in this browser for an hour.
      return reply
        .type(shown.mime)
        .header('cache-control', shown.revealed ? 'private, no-store' : 'private, max-age=3600')
        .header('x-content-type-options', 'nosniff')
        .send(shown.body);
    },
  );

  app.post(
    '/api/reports/:id/attachments/:attachmentId/reveal',
    {
      config: NO_BODY,
      schema: {
        tags,
        description: 'Audited as report.attachment.reveal; its auditId fetches the clear image for a short time.',
        params: AttachmentParams,
        response: { 200: AttachmentReveal, ...errors(400, 401, 403, 404) },
      },
    },
    async (request) => views.reveal(actorOf(request), request.params.id, request.params.attachmentId),
  );
};

const downloadRoutes: FastifyPluginAsyncTypebox<Options> = async (app, opts) => {
  const { reportAttachmentViews: views } = opts.services;

  app.get(
    '/api/reports/:id/attachments/:attachmentId/file',
    {
      schema: {
        tags,
        produces: ['application/pdf'],
        description: 'Download a PDF attachment, audited as report.attachment.download. Images: use /image.',
        params: AttachmentParams,
        response: { 200: BinaryBody, ...errors(401, 403, 404) },
      },
    },
    async (request, reply) => {
      const { body, attachment } = await views.download(
        actorOf(request),
        request.params.id,
        request.params.attachmentId,
      );
      const ascii = attachment.name.replace(/[^\x20-\x7e]|["\\]/g, '_');
      return reply
        .type(attachment.mime ?? 'application/octet-stream')
        .header(
          'content-disposition',
          `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(attachment.name)}`,
        )
        .header('cache-control', 'private, no-store')
        .header('x-content-type-options', 'nosniff')
        .send(body);
    },
  );
};

export const reportAttachmentRoutes: FastifyPluginAsyncTypebox<Options> = async (app, opts) => {
  await app.register(uploadRoutes, opts);
  await app.register(viewRoutes, opts);
  await app.register(downloadRoutes, opts);
};
