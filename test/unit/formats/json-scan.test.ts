import { describe, expect, it } from 'vitest';
import { JsonScanner, pathOf, type Frame } from '../../../workers/formats/json-scan.ts';
import { readVics } from '../../../workers/formats/vics-reader.ts';
import { rng } from '../../fixtures/vics-generator.ts';
import { MD5, collect } from './helpers.ts';

const NASTY = ['\\', '"', '{', '}', '[', ']', ',', ':', '\\\\', '\\"', 'ë', '👧', '\n', '\u0000', 'x'];

function nastyString(next: () => number): string {
  let s = '';
  const len = next() % 12;
  for (let i = 0; i < len; i++) s += NASTY[next() % NASTY.length];
  return s;
}

describe('JsonScanner', () => {
  it('splits records exactly like JSON.parse, whatever the chunking (randomised)', async () => {
    const next = rng(42);
    for (let round = 0; round < 20; round++) {
      const records = Array.from({ length: 30 }, (_, i) => ({
        MD5,
        Comments: nastyString(next),
        Tags: [nastyString(next), { deep: [nastyString(next)] }],
        n: i,
        [nastyString(next) || 'k']: nastyString(next),
      }));
      const text = JSON.stringify(
        { 'odata.metadata': 'http://x/DataModels/1.3.xml#Media', value: records },
        null,
        round % 2 ? 2 : 0,
      );
      const { entries, result } = await collect(readVics, text, undefined, 1 + (next() % 40));
      expect(result.skippedCount).toBe(0);
      expect(entries.map((e) => e.raw)).toEqual(records);
    }
  });

  it('unescapes keys and reports structure to the handler', () => {
    const seen: string[] = [];
    const scanner = new JsonScanner({
      decide: (stack: readonly Frame[]) =>
        stack.length === 0 || stack[stack.length - 1].key === 'a' ? { action: 'enter', role: 'x' } : { action: 'keep' },
      value: (stack, text) => {
        seen.push(`${pathOf(stack)}=${text}`);
      },
      close: () => {},
    });
    scanner.push('{"\\u0061": [1, "two", {"three": 3}], "b\\"q": true}');
    scanner.end();
    expect(seen).toEqual(['a[0]=1', 'a[1]="two"', 'a[2]={"three": 3}', 'b"q=true']);
  });
});
