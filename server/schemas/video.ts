// The video API: what ffmpeg learnt of a video, its strip (safe, or sharp after a reveal) and explicit playback.
import { Type, type Static } from 'typebox';

const NNum = Type.Union([Type.Number(), Type.Null()]);
const NInt = Type.Union([Type.Integer(), Type.Null()]);
const NStr = Type.Union([Type.String(), Type.Null()]);

export const VideoDetail = Type.Object({
  sha256: Type.String(),
  status: Type.Union([Type.Literal('pending'), Type.Literal('done'), Type.Literal('error')]),
  durationSeconds: NNum,
  width: NInt,
  height: NInt,
  codec: NStr,
  fps: NNum,
  frames: Type.Array(Type.Object({ t: Type.Number(), pdq: Type.String(), quality: Type.Integer() }), {
    description: 'Sampled frames (1 a second plus scene changes) with their PDQ and its quality.',
  }),
  stripCount: Type.Integer({ description: 'Tiles in the strip (0: no strip).' }),
  error: NStr,
  alike: Type.Array(
    Type.Object({
      sha256: Type.String(),
      share: Type.Number({ description: "Share of this video's frames found in the other (0..1)." }),
      otherShare: Type.Number({ description: "Share of the other video's frames found in this one." }),
    }),
    { description: 'Videos of this case whose frames match (vPDQ shares in both directions).' },
  ),
});
export type VideoDetail = Static<typeof VideoDetail>;

export const StripQuery = Type.Object(
  { reveal: Type.Optional(Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER })) },
  { additionalProperties: false },
);

export const PlayGrant = Type.Object({
  sha256: Type.String(),
  auditId: Type.Integer({ description: 'Pass back as `play` to the stream route, for a short time.' }),
  expiresAt: Type.String({ format: 'date-time' }),
});

export const StreamQuery = Type.Object(
  { play: Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER }) },
  { additionalProperties: false },
);

/** Strip bytes (image/webp) and video bytes: binary bodies, documented for OpenAPI. */
export const BinaryBody = Type.Unsafe<unknown>({ type: 'string', format: 'binary' });
