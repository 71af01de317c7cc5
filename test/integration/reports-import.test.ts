// `spoor report import` as a script runs it (the real CLI process, real PostgreSQL, real object store): good rows
// are imported with their attachments unchanged, every bad row is reported with its line and reason, nothing outside
// the manifest's folder is read, and importing the same manifest again changes nothing.
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { offenderChat, renderChatScreenshot } from '../fixtures/screenshots.ts';
import { runCli } from './helpers/process.ts';
import { createDatabase } from './helpers/runtime.ts';

let tmp: string;
let folder: string;
let databaseUrl: string;
let db: pg.Client;
const sha256 = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');
const cli = (...args: string[]) =>
  runCli(['report', 'import', ...args], { DATABASE_URL: databaseUrl, SPOOR_DATA_DIR: path.join(tmp, 'data') });

const HEADER = 'id,unit,received,offence,victim_minor,aangifte,text_file,attachments';
const ROWS = [
  'AM-2026-1,AM,2026-03-01,sextortion,true,false,teksten/1.txt,beelden/chat.png;beelden/verslag.pdf', // 2
  '"ON-2026-7",Oost-Nederland,2026-03-02,,false,true,teksten/2.txt,', // 3
  'XX-1,XX,2026-03-02,,false,false,,', // 4: unknown unit
  'AM-2026-2,AM,2026-13-01,,false,false,,', // 5: bad date
  'AM-2026-3,AM,2026-03-03,,false,false,teksten/weg.txt,', // 6: missing file
  'AM-2026-4,AM,2026-03-03,,false,false,../geheim.txt,', // 7: escapes the folder
  'AM-2026-5,AM,2026-03-04,grooming,true,false,teksten/1.txt,', // 8: same id as 9, different content
  'AM-2026-5,AM,2026-03-04,grooming,true,false,teksten/2.txt,', // 9
  'AM-2026-1,AM,2026-03-01,sextortion,true,false,teksten/1.txt,beelden/chat.png;beelden/verslag.pdf', // 10: repeat
  'AM-2026-6,AM,2026-03-05,,misschien,false,,', // 11: not a boolean
  'AM-2026-8,AM,2026-03-05,,false,false,,/etc/hostname', // 12: absolute path
  'AM-2026-9,AM,2026-03-05,,false,false,,beelden/uitweg.png', // 13: symlink out of the folder
  'AM-2026-10,AM,2026-03-05,,false,false,,teksten/1.txt', // 14: not an image or PDF
];

const pdf = Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n');
let png: Buffer;

beforeAll(async () => {
  databaseUrl = await createDatabase();
  db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'spoor-report-import-'));
  await fs.chmod(tmp, 0o755);
  folder = path.join(tmp, 'aanlevering');
  await fs.mkdir(path.join(folder, 'teksten'), { recursive: true });
  await fs.mkdir(path.join(folder, 'beelden'), { recursive: true });
  await fs.writeFile(path.join(folder, 'teksten/1.txt'), 'Dader vraagt via @darkfox_78 om geld.\n');
  await fs.writeFile(path.join(folder, 'teksten/2.txt'), 'Melder wordt gebeld door 06-12345678.\n');
  await fs.writeFile(path.join(tmp, 'geheim.txt'), 'buiten de map\n');
  const outside = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#c00' } })
    .png()
    .toBuffer();
  await fs.writeFile(path.join(tmp, 'buiten.png'), outside);
  await fs.symlink(path.join(tmp, 'buiten.png'), path.join(folder, 'beelden/uitweg.png'));
  // The only way AM-2026-1 meets ON-2026-7 is the phone number in this screenshot.
  png = await renderChatScreenshot({ theme: 'light', font: 'sans', messages: offenderChat() });
  await fs.writeFile(path.join(folder, 'beelden/chat.png'), png);
  await fs.writeFile(path.join(folder, 'beelden/verslag.pdf'), pdf);
  await fs.writeFile(path.join(folder, 'meldingen.csv'), [HEADER, ...ROWS].join('\n') + '\n');
});
afterAll(async () => {
  await db?.end();
  await fs.rm(tmp, { recursive: true, force: true });
});

const count = async (sql: string) => Number((await db.query(sql)).rows[0].n);

describe('spoor report import <manifest.csv> --json', () => {
  let first: Record<string, unknown> & { skipped: Array<{ line: number; reason: string }> };

  it('imports the good rows and reports every bad row with its line and reason', () => {
    const result = cli(path.join(folder, 'meldingen.csv'), '--json');
    expect(result.status, result.stderr).toBe(0);
    first = JSON.parse(result.stdout);
    expect(first).toMatchObject({ imported: 2, unchanged: 0, attachments: 2, clusters: 1 });
    expect(first.signals).toBeGreaterThanOrEqual(1); // two units share an offender's number
    for (const key of ['selectors', 'seconds']) expect(typeof first[key]).toBe('number');
    const reasons = Object.fromEntries(first.skipped.map((s) => [s.line, s.reason]));
    expect(Object.keys(reasons).map(Number)).toEqual([4, 5, 6, 7, 8, 9, 11, 12, 13, 14]);
    expect(reasons[4]).toMatch(/unknown unit "XX"/);
    expect(reasons[5]).toMatch(/Received date "2026-13-01" does not exist/);
    expect(reasons[6]).toMatch(/teksten\/weg.txt" does not exist/);
    expect(reasons[7]).toMatch(/outside the manifest's folder/);
    expect(reasons[8]).toMatch(/given again on line\(s\) 9 with different content/);
    expect(reasons[9]).toMatch(/given again on line\(s\) 8 with different content/);
    expect(reasons[11]).toMatch(/victim_minor must be true or false/);
    expect(reasons[12]).toMatch(/absolute path/);
    expect(reasons[13]).toMatch(/links to a place outside the manifest's folder/);
    expect(reasons[14]).toMatch(/only images and PDFs/);
  });

  it('stores the meldingen, texts and attachments unchanged, extracted and audited', async () => {
    const rows = (await db.query('SELECT r.*, u.code FROM reports r JOIN units u ON u.id = r.unit_id ORDER BY number'))
      .rows;
    expect(rows.map((r) => [r.code, r.number, r.status])).toEqual([
      ['AM', 'AM-2026-1', 'done'],
      ['ON', 'ON-2026-7', 'done'],
    ]);
    expect(rows[0].body_sha256).toBe(sha256('Dader vraagt via @darkfox_78 om geld.\n'));
    expect(rows[1].offence).toBeNull();
    const files = (await db.query('SELECT name, sha256, mime, ocr_status FROM report_attachments ORDER BY ordinal'))
      .rows;
    expect(files).toEqual([
      expect.objectContaining({ name: 'chat.png', sha256: sha256(png), mime: 'image/png', ocr_status: 'done' }),
      expect.objectContaining({ name: 'verslag.pdf', sha256: sha256(pdf), ocr_status: 'skipped' }),
    ]);
    const stored = await fs.readFile(path.join(tmp, 'data/objects/attachments', sha256(png).slice(0, 2), sha256(png)));
    expect(stored.equals(png)).toBe(true);
    expect(await count("SELECT count(*) AS n FROM audit_log WHERE action = 'report.create'")).toBe(2);
    expect(await count("SELECT count(*) AS n FROM audit_log WHERE action = 'report.import'")).toBe(1);
    const selectors = await count('SELECT count(*) AS n FROM selector_occurrences');
    expect(first.selectors).toBe(selectors);
  });

  it('never reads a file outside the manifest folder', async () => {
    const secret = sha256('buiten de map\n');
    expect(await count(`SELECT count(*) AS n FROM reports WHERE body_sha256 = '${secret}'`)).toBe(0);
    const outside = sha256(await fs.readFile(path.join(tmp, 'buiten.png')));
    expect(await count(`SELECT count(*) AS n FROM report_attachments WHERE sha256 = '${outside}'`)).toBe(0);
  });

  it('changes nothing when the same manifest is imported again', async () => {
    const before = (await db.query('SELECT id, status, extracted_at FROM reports ORDER BY id')).rows;
    const result = cli(path.join(folder, 'meldingen.csv'), '--json');
    expect(result.status, result.stderr).toBe(0);
    const again = JSON.parse(result.stdout);
    const same = { selectors: first.selectors, clusters: 1, signals: first.signals };
    expect(again).toMatchObject({ imported: 0, unchanged: 2, attachments: 0, ...same });
    expect(again.skipped).toEqual(first.skipped);
    expect((await db.query('SELECT id, status, extracted_at FROM reports ORDER BY id')).rows).toEqual(before);
    expect(await count('SELECT count(*) AS n FROM report_attachments')).toBe(2);
    expect(await count("SELECT count(*) AS n FROM audit_log WHERE action = 'report.create'")).toBe(2);
  });

  it('refuses a changed row for an id imported before, and takes JSONL with inline text', async () => {
    const jsonl = [
      { id: 'AM-2026-1', unit: 'AM', received: '2026-03-01', offence: 'grooming', victim_minor: true, aangifte: false },
      {
        id: 'AM-2026-20',
        unit: 'AM',
        received: '2026-03-09',
        victim_minor: false,
        aangifte: false,
        text: 'Bel 06-12345678.',
      },
    ];
    await fs.writeFile(path.join(folder, 'extra.jsonl'), `${jsonl.map((r) => JSON.stringify(r)).join('\n')}\n{kapot\n`);
    const result = cli(path.join(folder, 'extra.jsonl'), '--json');
    expect(result.status, result.stderr).toBe(0);
    const out = JSON.parse(result.stdout);
    expect(out).toMatchObject({ imported: 1, unchanged: 0 });
    expect(out.skipped).toEqual([
      { line: 1, reason: expect.stringMatching(/imported before with different content; nothing was changed/) },
      { line: 3, reason: 'not valid JSON' },
    ]);
    const row = (await db.query("SELECT offence, body FROM reports WHERE number = 'AM-2026-1'")).rows[0];
    expect(row.offence).toBe('sextortion');
    expect((await db.query("SELECT body FROM reports WHERE number = 'AM-2026-20'")).rows[0].body).toBe(
      'Bel 06-12345678.',
    );
  });

  it('refuses a manifest it cannot read as a whole, importing nothing', () => {
    const result = cli(path.join(folder, 'teksten/1.txt'));
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/manifest cannot be read/);
  });
});
