import { describe, expect, it } from 'vitest';
import { readVics } from '../../../workers/formats/vics-reader.ts';
import { vicsStream } from '../../fixtures/vics-generator.ts';

describe('readVics on a large generated stream', () => {
  it('parses 200k records with bounded heap growth (loose check)', async () => {
    const n = 200_000;
    const before = process.memoryUsage().heapUsed;
    let peak = before;
    let count = 0;
    let uncategorised = 0;
    const result = await readVics(
      vicsStream({ records: n, seed: 7, version: '2.0', profile: 'UK' }),
      (batch) => {
        count += batch.length;
        for (const e of batch) if (e.category === null) uncategorised++;
        peak = Math.max(peak, process.memoryUsage().heapUsed);
      },
      { batchSize: 2000 },
    );
    expect(result.entries).toBe(n);
    expect(count).toBe(n);
    expect(result.skippedCount).toBe(0);
    expect(result.header.scheme).toBe('vics2-uk');
    expect(uncategorised).toBeGreaterThan(n * 0.05);
    // ~125 MB of JSON flows through; holding it (or its objects) would need several hundred MB.
    expect(peak - before).toBeLessThan(96 * 1024 * 1024);
  }, 120_000);

  it('streams a #Cases export whose single case holds all media', async () => {
    const result = await readVics(vicsStream({ records: 20_000, shape: 'cases', version: '1.3' }), () => {});
    expect(result.entries).toBe(20_000);
    expect(result.cases).toEqual([
      {
        CaseID: '00000000-0000-4000-8000-000000000001',
        CaseNumber: 'SYNTH-1',
        SourceApplicationName: 'vics-generator',
      },
    ]);
  }, 60_000);
});
