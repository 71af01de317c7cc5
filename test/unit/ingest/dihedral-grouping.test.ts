// Near-duplicate grouping of real hashes of generated images: mirrored, turned and bordered copies join their
// original's group (through the dihedral and trimmed-border PDQs); unrelated and mostly uniform images never merge.
import { describe, expect, it } from 'vitest';
import { analyseImage } from '../../../workers/imaging/analyse-image.ts';
import { NearGrouping } from '../../../workers/ingest/near-grouping.ts';
import { queryPdqs, storedPdqs } from '../../../workers/matching/pdq-variants.ts';
import { borderedCopies, mostlyUniform, orientedCopies } from '../../fixtures/copies.ts';
import { scenePhoto } from '../../fixtures/photos.ts';

const RADIUS = 31;

// Generating and hashing images is the slow part (sharp): each image is hashed once, whatever the run order.
const hashed = new Map<Buffer, Promise<Awaited<ReturnType<typeof hashColumns>>>>();
const columnsOf = (image: Buffer) => hashed.get(image) ?? hashed.set(image, hashColumns(image)).get(image)!;

async function hashColumns(image: Buffer) {
  const a = await analyseImage(image, { limitInputPixels: 50_000_000 });
  return {
    pdq: a.pdq,
    pdq_quality: a.pdqQuality,
    pdq_dihedral: a.pdqDihedral,
    pdq_trimmed: a.pdqTrimmed?.hash ?? null,
    pdq_trimmed_dihedral: a.pdqTrimmed?.dihedral ?? null,
  };
}

/**
 * Groups named images in one or more runs (each run adds its images as new blobs, as ingest batches do) and
 * returns name → group id (null: alone). Ids follow the order given, so the first image is the oldest.
 */
async function group(runs: Array<Record<string, Buffer>>): Promise<Map<string, number | null>> {
  const blobs: Array<{ id: number; sha256: string; columns: Awaited<ReturnType<typeof hashColumns>> }> = [];
  const memberships = new Map<string, number | null>();
  for (const images of runs) {
    for (const [name, bytes] of Object.entries(images))
      blobs.push({ id: blobs.length + 1, sha256: name, columns: await columnsOf(bytes) });
    const members = blobs
      .map((b) => ({ id: b.id, sha256: b.sha256, hashes: storedPdqs(b.columns) }))
      .filter((m) => m.hashes.length > 0);
    const grouping = new NearGrouping(members, memberships, RADIUS);
    for (const id of grouping.fresh) grouping.link(id, queryPdqs(blobs[id - 1]!.columns));
    for (const change of grouping.changes()) memberships.set(change.sha256, change.groupId);
  }
  return memberships;
}

describe('dihedral near-duplicate grouping', { timeout: 60_000 }, () => {
  it('puts mirrored and turned copies in their original group, in one run and arriving later', async () => {
    for (const seed of [11, 23, 37]) {
      const original = await scenePhoto(seed);
      const copies = await orientedCopies(original);
      const together = await group([{ original, ...copies }]);
      const later = await group([{ original }, copies]);
      const copiesFirst = await group([copies, { original }]);
      for (const groups of [together, later, copiesFirst]) {
        const id = groups.get('original');
        expect(id, `seed ${seed}`).not.toBeNull();
        for (const name of Object.keys(copies)) expect(groups.get(name), `seed ${seed}: ${name}`).toBe(id);
      }
    }
  });

  it('never merges unrelated images, nor their mirrored and turned copies', async () => {
    const runs: Array<Record<string, Buffer>> = [];
    for (const seed of [101, 202, 303, 404, 505, 606]) {
      const photo = await scenePhoto(seed);
      runs.push({ [`${seed}`]: photo, [`${seed}-mirrored`]: (await orientedCopies(photo)).mirrored });
    }
    const groups = await group(runs);
    for (const seed of [101, 202, 303, 404, 505, 606]) {
      expect(groups.get(`${seed}-mirrored`)).toBe(groups.get(`${seed}`));
      const others = [...groups].filter(([name]) => !name.startsWith(`${seed}`)).map(([, id]) => id);
      expect(others).not.toContain(groups.get(`${seed}`));
    }
  });
});

describe('trimmed-border grouping', { timeout: 60_000 }, () => {
  it('puts a padded, framed, letterboxed and a mirrored padded copy in their original group', async () => {
    for (const seed of [11, 23, 37]) {
      const original = await scenePhoto(seed);
      const copies = await borderedCopies(original);
      for (const runs of [[{ original, ...copies }], [{ original }, copies], [copies, { original }]]) {
        const groups = await group(runs);
        const id = groups.get('original');
        expect(id, `seed ${seed}`).not.toBeNull();
        for (const name of Object.keys(copies)) expect(groups.get(name), `seed ${seed}: ${name}`).toBe(id);
      }
    }
  });

  it('does not merge different images that carry the same borders', async () => {
    const runs: Array<Record<string, Buffer>> = [];
    for (const seed of [111, 222, 333, 444]) {
      const copies = await borderedCopies(await scenePhoto(seed));
      runs.push({ [`${seed}-pad`]: copies.whitePad, [`${seed}-letterbox`]: copies.letterbox });
    }
    const groups = await group(runs);
    for (const seed of [111, 222, 333, 444]) {
      const mine = groups.get(`${seed}-pad`);
      const others = [...groups].filter(([name]) => !name.startsWith(`${seed}`)).map(([, id]) => id);
      if (mine !== null) expect(others).not.toContain(mine);
    }
  });

  it('never merges images that are mostly one colour themselves', async () => {
    const runs: Array<Record<string, Buffer>> = [];
    for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) runs.push({ [`white-${seed}`]: await mostlyUniform(seed) });
    for (const seed of [1, 2, 3, 4]) runs.push({ [`black-${seed}`]: await mostlyUniform(seed, '#000000') });
    const groups = await group(runs);
    expect([...groups.values()].filter((id) => id !== null)).toEqual([]);
  });
});
