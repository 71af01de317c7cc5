// npm run bench:groups -- <photo files or folders…> [--batch 8] [--seed 1]
// How many travelled copies of real photographs land in their original's near-duplicate group. Each photograph
// gets 11 everyday copies (recompression, resizing, greyscale, blur, noise, brightness, PNG, mirror, upside down,
// 90° and 270° turns) and 4 bordered ones (white pad, black frame, letterbox, mirrored with a pad). All are hashed
// by the production route (analyse-image.ts) and fed in a shuffled order, a batch at a time, to the incremental
// grouping (near-grouping.ts), under three rules: the plain PDQ only (before issue 10), plus the dihedral
// variants, plus the trimmed-border PDQ (now). It prints the share grouped per copy kind and rule, the share a
// pairwise all-variants comparison would give, and how many originals were wrongly merged with another
// photograph. Point it at photographs, not artwork; it asserts nothing and writes nothing.
import fs from 'node:fs/promises';
import path from 'node:path';
import sharp, { type Sharp } from 'sharp';
import { analyseImage } from '../workers/imaging/analyse-image.ts';
import { NearGrouping } from '../workers/ingest/near-grouping.ts';
import { hammingHex } from '../workers/matching/hamming.ts';
import { queryPdqs, storedPdqs } from '../workers/matching/pdq-variants.ts';
import type { PdqColumns } from '../storage/repositories/blobs.repository.ts';

const option = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1]! : fallback;
};
const BATCH = Number(option('batch', '8'));
const RADIUS = 31;
const IMAGE = /\.(jpe?g|png|webp|tiff?)$/i;

type Copy = { photo: number; kind: string; columns: PdqColumns };
type Rule = 'plain' | 'dihedral' | 'dihedral+trimmed';

async function listImages(paths: string[]): Promise<string[]> {
  const found: string[] = [];
  for (const p of paths) {
    const stat = await fs.stat(p).catch(() => null);
    if (stat?.isFile() && IMAGE.test(p)) found.push(p);
    else if (stat?.isDirectory()) found.push(...(await listImages((await fs.readdir(p)).map((n) => path.join(p, n)))));
  }
  return found.sort();
}

const jpeg = (image: Sharp, quality = 85) => image.jpeg({ quality }).toBuffer();

async function noisy(source: Buffer): Promise<Buffer> {
  const { data, info } = await sharp(source).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  let s = 7;
  for (let i = 0; i < data.length; i++) {
    s = (s * 1103515245 + 12345) >>> 0;
    data[i] = Math.max(0, Math.min(255, data[i]! + ((s >>> 24) % 25) - 12));
  }
  return jpeg(sharp(data, { raw: { width: info.width, height: info.height, channels: info.channels } }));
}

async function copiesOf(source: Buffer): Promise<Record<string, Buffer>> {
  const { width, height } = await sharp(source).metadata();
  const pad = (image: Sharp, top: number, side: number, colour: string) =>
    jpeg(image.extend({ top, bottom: top, left: side, right: side, background: colour }));
  return {
    recompressed: await jpeg(sharp(source), 40),
    resized: await jpeg(sharp(source).resize(Math.round(width / 3))),
    greyscale: await jpeg(sharp(source).greyscale()),
    blurred: await jpeg(sharp(source).blur(2)),
    noise: await noisy(source),
    brighter: await jpeg(sharp(source).modulate({ brightness: 1.2 })),
    png: await sharp(source).png().toBuffer(),
    mirrored: await jpeg(sharp(source).flop()),
    upsideDown: await jpeg(sharp(source).flip()),
    turned90: await jpeg(sharp(source).rotate(90)),
    turned270: await jpeg(sharp(source).rotate(270)),
    whitePad: await pad(sharp(source), Math.round(height * 0.1), Math.round(width * 0.1), '#ffffff'),
    blackFrame: await pad(sharp(source), Math.round(height * 0.04), Math.round(height * 0.04), '#000000'),
    letterbox: await pad(sharp(source), Math.round(height * 0.25), 0, '#000000'),
    mirroredPad: await pad(sharp(await sharp(source).flop().toBuffer()), 60, 60, '#ffffff'),
  };
}

async function columnsOf(image: Buffer): Promise<PdqColumns> {
  const a = await analyseImage(image, { limitInputPixels: 1_000_000_000 });
  const t = a.pdqTrimmed;
  const [pdq, q, d] = [a.pdq, a.pdqQuality, a.pdqDihedral];
  return {
    pdq,
    pdq_quality: q,
    pdq_dihedral: d,
    pdq_trimmed: t?.hash ?? null,
    pdq_trimmed_dihedral: t?.dihedral ?? null,
  };
}

function hashesFor(rule: Rule, c: PdqColumns): { stored: string[]; queried: string[] } {
  if (rule === 'dihedral+trimmed') return { stored: storedPdqs(c), queried: queryPdqs(c) };
  const plain = { ...c, pdq_trimmed: null, pdq_trimmed_dihedral: null };
  const stored = storedPdqs(plain);
  return { stored, queried: rule === 'plain' ? stored : queryPdqs(plain) };
}

/** Incremental grouping as ingest runs it: the blobs arrive in `order`, `BATCH` per run. */
function groupIncrementally(rule: Rule, copies: Copy[], order: number[]): Map<string, number | null> {
  const memberships = new Map<string, number | null>();
  const members: Array<{ id: number; sha256: string; hashes: string[] }> = [];
  for (let i = 0; i < order.length; i += BATCH) {
    for (const id of order.slice(i, i + BATCH)) {
      const stored = hashesFor(rule, copies[id]!.columns).stored;
      if (stored.length > 0) members.push({ id, sha256: String(id), hashes: stored });
    }
    const grouping = new NearGrouping(members, memberships, RADIUS);
    for (const id of grouping.fresh) grouping.link(id, hashesFor(rule, copies[id]!.columns).queried);
    for (const change of grouping.changes()) memberships.set(change.sha256, change.groupId);
  }
  return memberships;
}

const pairwise = (a: PdqColumns, b: PdqColumns) =>
  Math.min(...queryPdqs(a).flatMap((q) => storedPdqs(b).map((s) => hammingHex(q, s))));

function shuffled(n: number, seed: number): number[] {
  const order = Array.from({ length: n }, (_, i) => i);
  let s = seed;
  for (let i = n - 1; i > 0; i--) {
    s = (s * 1664525 + 1013904223) >>> 0;
    const j = s % (i + 1);
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return order;
}

function report(copies: Copy[], originals: number[]): void {
  const rules: Rule[] = ['plain', 'dihedral', 'dihedral+trimmed'];
  const order = shuffled(copies.length, Number(option('seed', '1')));
  const groups = new Map(rules.map((r) => [r, groupIncrementally(r, copies, order)]));
  const kinds = [...new Set(copies.map((c) => c.kind))].filter((k) => k !== 'original');
  const groupOf = (rule: Rule, id: number) => groups.get(rule)!.get(String(id)) ?? null;
  const row = (kind: string, cells: string[]) =>
    console.log(kind.padEnd(14), cells.map((c) => c.padStart(17)).join(''));
  row('copy', [...rules, 'pairwise']);
  const everyday = kinds.slice(0, 11);
  const selected = (kind: string) =>
    copies
      .map((c, id) => ({ c, id }))
      .filter(({ c }) => c.kind !== 'original')
      .filter(({ c }) => {
        if (kind === 'all 11 everyday') return everyday.includes(c.kind);
        return kind === 'all bordered' ? !everyday.includes(c.kind) : c.kind === kind;
      });
  const share = (n: number, of: number) => `${((100 * n) / of).toFixed(1)}%`;
  for (const kind of [...kinds, 'all 11 everyday', 'all bordered']) {
    const of = selected(kind);
    const cells = rules.map((rule) => {
      const hit = of.filter(({ c, id }) => {
        const mine = groupOf(rule, id);
        return mine !== null && mine === groupOf(rule, originals[c.photo]!);
      }).length;
      return share(hit, of.length);
    });
    const pair = of.filter(({ c }) => pairwise(c.columns, copies[originals[c.photo]!]!.columns) <= RADIUS).length;
    row(kind, [...cells, share(pair, of.length)]);
  }
  const merged = rules.map((rule) => {
    const ids = originals.map((id) => groupOf(rule, id)).filter((g) => g !== null);
    return String(ids.length - new Set(ids).size);
  });
  row('originals merged with another photograph', merged);
  const weak = originals.filter((id) => storedPdqs(copies[id]!.columns).length === 0).length;
  const selfTrimmed = originals.filter((id) => copies[id]!.columns.pdq_trimmed !== null).length;
  console.log(`originals too weak to group at all (PDQ quality < 50): ${weak} of ${originals.length}`);
  console.log(`originals given a trimmed-border PDQ of their own (no border added): ${selfTrimmed}`);
}

async function main(): Promise<void> {
  const files = await listImages(
    process.argv.slice(2).filter((a, i, all) => !a.startsWith('--') && !all[i - 1]?.startsWith('--')),
  );
  if (files.length === 0) {
    console.log('No photographs given: npm run bench:groups -- <photo files or folders…> (skipped).');
    return;
  }
  const copies: Copy[] = [];
  const originals: number[] = [];
  for (const [photo, file] of files.entries()) {
    // The photograph as a camera or phone would store it: a JPEG of at most 2048 px.
    const source = await jpeg(sharp(file).resize(2048, 2048, { fit: 'inside', withoutEnlargement: true }), 92);
    originals.push(copies.length);
    copies.push({ photo, kind: 'original', columns: await columnsOf(source) });
    for (const [kind, bytes] of Object.entries(await copiesOf(source)))
      copies.push({ photo, kind, columns: await columnsOf(bytes) });
  }
  console.log(`${files.length} photographs, ${copies.length} images, batches of ${BATCH}, radius ${RADIUS}`);
  report(copies, originals);
}

await main();
