import { Type, type Static } from 'typebox';

const Sha256 = Type.String({ pattern: '^[0-9a-f]{64}$' });

const DossierCounts = Type.Object({
  files: Type.Integer({ description: 'Every file of every evidence item.' }),
  unique: Type.Integer(),
  byCategory: Type.Record(
    Type.String(),
    Type.Object({
      unique: Type.Integer(),
      files: Type.Integer(),
      known: Type.Integer({ description: 'Files whose category came from a hash set.' }),
      videos: Type.Optional(Type.Integer({ description: 'Of the files, the videos (absent in older dossiers).' })),
    }),
  ),
  uncategorised: Type.Integer(),
  uncategorisedVideos: Type.Optional(
    Type.Integer({ description: 'Of the uncategorised files, the videos (absent in older dossiers).' }),
  ),
  errors: Type.Integer({ description: 'Files that could not be processed (see items.csv for the reasons).' }),
});

const DossierFileInfo = Type.Object({ name: Type.String(), sha256: Sha256, bytes: Type.Integer() });

export const DossierJob = Type.Object({
  jobId: Type.String(),
  status: Type.Union([Type.Literal('queued'), Type.Literal('running'), Type.Literal('done'), Type.Literal('failed')]),
  createdBy: Type.String(),
  createdAt: Type.String(),
  finishedAt: Type.Union([Type.String(), Type.Null()]),
  progress: Type.Record(Type.String(), Type.Number(), {
    description: '{step, steps, items, total} while it runs: step of 5 (csv, vics, jsonld, pdf, manifest).',
  }),
  error: Type.Union([Type.String(), Type.Null()]),
  dossier: Type.Union([
    Type.Object({
      id: Type.String(),
      asOf: Type.String(),
      manifestSha256: Sha256,
      files: Type.Array(DossierFileInfo),
      counts: DossierCounts,
    }),
    Type.Null(),
  ]),
});
export type DossierJob = Static<typeof DossierJob>;

export const DossierRequest = Type.Object({
  annex: Type.Optional(
    Type.Array(Sha256, {
      maxItems: 100,
      description:
        'Contents whose safe (blurred, greyscale) thumbnail goes into an annex; audited, shown on the cover.',
    }),
  ),
});
export const DossierStarted = Type.Object({ jobId: Type.String() });
export const DossierJobParams = Type.Object({
  id: Type.String({ format: 'uuid' }),
  jobId: Type.String({ format: 'uuid' }),
});
export const DossierParams = Type.Object({
  id: Type.String({ format: 'uuid' }),
  dossierId: Type.String({ format: 'uuid' }),
});

export const DossierKey = Type.Object({
  unit: Type.String(),
  algorithm: Type.Literal('Ed25519'),
  fingerprint: Sha256,
  publicKeyPem: Type.String(),
});

export const DossierVerification = Type.Object({
  ok: Type.Boolean(),
  files: Type.Optional(Type.Integer()),
  unit: Type.Optional(Type.String()),
  fingerprint: Type.Optional(Type.String()),
  problem: Type.Optional(Type.String({ description: 'The first problem found, in the language asked for.' })),
});
