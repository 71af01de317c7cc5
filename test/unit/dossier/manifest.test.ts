// The dossier's integrity files and listings as pure functions: the manifest in sha256sum format, the signature
// file, CSV quoting and the reconciled counts.
import os from 'node:os';
import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDossierSigner, publicKeyOf, verifyDossierSignature } from '../../../storage/dossier-keys.ts';
import { countsOf } from '../../../workers/dossier/facts.ts';
import { csvLine, itemCsvLine } from '../../../workers/dossier/items-csv.ts';
import { manifestText, parseManifest, parseSignature, signatureText } from '../../../workers/dossier/manifest.ts';

const A = 'a'.repeat(64);
const B = 'b'.repeat(64);

describe('manifest.sha256', () => {
  it('lists files in byte order of their names, in sha256sum format, and reads back the same', () => {
    const text = manifestText([
      { name: 'vics.json', sha256: A },
      { name: 'Dossier.pdf', sha256: B },
    ]);
    expect(text).toBe(`${B}  Dossier.pdf\n${A}  vics.json\n`);
    expect(parseManifest(text)).toEqual([
      { name: 'Dossier.pdf', sha256: B },
      { name: 'vics.json', sha256: A },
    ]);
  });

  it('refuses lines that are not a plain file name with a lower-case SHA-256', () => {
    for (const bad of [`${A}  ../x\n`, `${A}  a/b\n`, `${A.toUpperCase()}  x\n`, `${A}  x`, `${A}  x\n${B}  x\n`]) {
      expect(parseManifest(bad), JSON.stringify(bad)).toBeNull();
    }
  });
});

describe('manifest.sig', () => {
  it('is the same for the same manifest and key, verifies with the public key, and fails on another manifest', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'spoor-dossier-key-'));
    try {
      const signer = await loadDossierSigner(dir, 'AM');
      expect((await loadDossierSigner(dir, 'AM')).fingerprint).toBe(signer.fingerprint); // created once
      expect((await fs.stat(path.join(dir, 'unit-AM.pem'))).mode & 0o077).toBe(0);
      const manifest = Buffer.from(`${A}  x\n`);
      const text = signatureText(manifest, signer);
      expect(signatureText(manifest, signer)).toBe(text);
      const sig = parseSignature(text)!;
      expect(sig).toMatchObject({ unit: 'AM', fingerprint: signer.fingerprint });
      expect(publicKeyOf('AM', sig.publicKey).fingerprint).toBe(signer.fingerprint);
      expect(verifyDossierSignature(sig.publicKey, manifest, sig.signature)).toBe(true);
      expect(verifyDossierSignature(sig.publicKey, Buffer.from(`${B}  x\n`), sig.signature)).toBe(false);
      expect(parseSignature('{"format":"other"}')).toBeNull();
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });
});

describe('items.csv', () => {
  it('quotes commas, quotes and newlines, and leaves empty what is unknown', () => {
    expect(csvLine(['a,b', 'say "x"', 'two\nlines', null, 3])).toBe('"a,b","say ""x""","two\nlines",,3\n');
    const row = {
      id: 1,
      source_path: 'x.zip!/a,b.jpg',
      evidence_sha256: A,
      size: 10,
      md5: null,
      sha1: null,
      sha256: null,
      pdq: null,
      mime: null,
      scheme: null,
      category: null,
      source: null,
      set_name: null,
      set_version: null,
      status: 'error' as const,
      error: 'path escapes the archive',
    };
    expect(itemCsvLine(row)).toBe(`"x.zip!/a,b.jpg",${A},10,,,,,,,,error,path escapes the archive\n`);
    expect(itemCsvLine({ ...row, status: 'categorised', scheme: 'caid', category: 'A', source: 'manual' })).toContain(
      ',caid/A,manual,categorised,',
    );
  });
});

describe('counts', () => {
  it('adds up per category over sources and sets; known counts files from hash sets, videos those of video', () => {
    const totals = { files: 9, unique: 6, images: 6, videos: 3, uncategorised: 2, uncategorised_videos: 1, errors: 1 };
    const row = { scheme: 'vics2', category: '1', set_name: null, set_version: null };
    const counts = countsOf(totals, [
      { ...row, source: 'hashset', set_name: 'L', set_version: '1', unique: 2, files: 3, videos: 1 },
      { ...row, source: 'manual', unique: 1, files: 2, videos: 1 },
      { ...row, scheme: 'caid', category: 'A', source: 'manual', unique: 1, files: 1, videos: 0 },
    ]);
    expect(counts.byCategory).toEqual({
      '1': { unique: 3, files: 5, known: 3, videos: 2 },
      'caid/A': { unique: 1, files: 1, known: 0, videos: 0 },
    });
    expect(counts.uncategorisedVideos).toBe(1);
    const categorised = Object.values(counts.byCategory).reduce((n, c) => n + c.files, 0);
    expect(categorised + counts.uncategorised + counts.errors).toBe(counts.files);
  });
});
