// Reading import manifests (CSV with header, JSONL) and checking a melding's fields: every row keeps its line
// number; unreadable rows become skips with a reason; a file that cannot be a manifest is refused as a whole.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BadInput } from '../../../server/errors.ts';
import { checkNumber, checkOffence, checkReceived, textSha256 } from '../../../server/services/report-input.ts';
import { ManifestError, readManifest } from '../../../server/services/report-manifest.ts';

let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'spoor-manifest-'));
});
afterAll(() => fs.rm(dir, { recursive: true, force: true }));

async function manifest(name: string, text: string) {
  const file = path.join(dir, name);
  await fs.writeFile(file, text);
  return readManifest(file);
}

describe('CSV manifests', () => {
  it('reads the header columns in any order, quoted fields, ; lists and CRLF, with physical line numbers', async () => {
    const csv =
      '\uFEFFunit,id,received,offence,victim_minor,aangifte,text_file,attachments\r\n' +
      'AM,2026-1,2026-03-01,sextortion,true,false,a.txt,"x.png; y.pdf"\r\n' +
      '\r\n' +
      'ON,"2026,2",2026-03-02,,false,true,,\r\n';
    const m = await manifest('m.csv', csv);
    expect(m.skipped).toEqual([]);
    expect(m.rows).toEqual([
      expect.objectContaining({
        line: 2,
        id: '2026-1',
        unit: 'AM',
        textFile: 'a.txt',
        attachments: ['x.png', 'y.pdf'],
      }),
      expect.objectContaining({ line: 4, id: '2026,2', unit: 'ON', offence: '', textFile: '', attachments: [] }),
    ]);
    expect(m.rows[0]!.text).toBeNull();
  });

  it('counts lines inside a quoted multi-line field, so later rows keep their real line numbers', async () => {
    const csv =
      'id,unit,received,victim_minor,aangifte,attachments\n"a\nb",AM,2026-03-01,true,true,\nc,AM,2026-03-01,true,true,\n';
    expect((await manifest('multi.csv', csv)).rows.map((r) => r.line)).toEqual([2, 4]);
  });

  it('refuses a header without the required columns, and an empty file', async () => {
    await expect(manifest('bad.csv', 'number,eenheid\n1,AM\n')).rejects.toThrow(ManifestError);
    await expect(manifest('empty.csv', '')).rejects.toThrow(ManifestError);
    await expect(manifest('open.csv', 'id,unit,received,victim_minor,aangifte\n"1,AM\n')).rejects.toThrow(
      ManifestError,
    );
  });
});

describe('JSONL manifests', () => {
  it('reads inline text, list or ;-separated attachments and JSON booleans; bad lines become skips', async () => {
    const lines = [
      JSON.stringify({
        id: 'J-1',
        unit: 'AM',
        received: '2026-03-01',
        victim_minor: true,
        aangifte: false,
        text: 'hoi',
      }),
      '{not json',
      JSON.stringify({
        id: 'J-2',
        unit: 'AM',
        received: '2026-03-01',
        victim_minor: false,
        aangifte: false,
        attachments: ['a.png'],
      }),
      '',
      JSON.stringify({ id: 'J-3', unit: 'AM', received: '2026-03-01', aangifte: false }),
      JSON.stringify({
        id: 'J-4',
        unit: 'AM',
        received: '2026-03-01',
        victim_minor: 1,
        aangifte: 0,
        attachments: 'a.png;b.png',
      }),
      JSON.stringify({
        id: 'J-5',
        unit: 'AM',
        received: '2026-03-01',
        victim_minor: 1,
        aangifte: 0,
        text: 'x',
        text_file: 'x.txt',
      }),
      '[1, 2]',
    ];
    const m = await manifest('m.jsonl', lines.join('\n'));
    expect(m.rows.map((r) => [r.line, r.id, r.victimMinor, r.text, r.attachments])).toEqual([
      [1, 'J-1', 'true', 'hoi', []],
      [3, 'J-2', 'false', null, ['a.png']],
      [6, 'J-4', '1', null, ['a.png', 'b.png']],
    ]);
    expect(m.skipped).toEqual([
      { line: 2, reason: 'not valid JSON' },
      { line: 5, reason: 'missing "victim_minor"' },
      { line: 7, reason: 'give "text" or "text_file", not both' },
      { line: 8, reason: 'not a JSON object' },
    ]);
  });

  it('recognises JSONL by its first character whatever the extension', async () => {
    const m = await manifest(
      'export.txt',
      `${JSON.stringify({ id: 'J-9', unit: 'AM', received: '2026-03-01', victim_minor: true, aangifte: true })}\n`,
    );
    expect(m.rows.map((r) => r.id)).toEqual(['J-9']);
  });
});

describe("a melding's fields", () => {
  const now = new Date('2026-06-01T12:00:00Z');
  it('accepts real dates up to tomorrow, refuses impossible and future ones', () => {
    expect(checkReceived('2026-02-28', now)).toBe('2026-02-28');
    expect(checkReceived('2026-06-02', now)).toBe('2026-06-02');
    for (const bad of ['2026-02-30', '2026-13-01', '14-03-2026', '2026-3-1', '', '1899-12-31', '2026-06-03'])
      expect(() => checkReceived(bad, now), bad).toThrow(BadInput);
  });

  it('takes registration numbers as the source system writes them, and known offences or none', () => {
    expect(checkNumber(' 2026/AM.0042-b ')).toBe('2026/AM.0042-b');
    for (const bad of ['', '../x', '-1', 'a b', 'x'.repeat(65)]) expect(() => checkNumber(bad), bad).toThrow(BadInput);
    expect(checkOffence('')).toBeNull();
    expect(checkOffence(' Grooming ')).toBe('grooming');
    expect(() => checkOffence('stalking')).toThrow(BadInput);
  });

  it('hashes the text as UTF-8', () => {
    expect(textSha256('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(textSha256('é')).not.toBe(textSha256('e\u0301'));
  });
});
