// One entry point for importers: sniff the format, then stream through the matching reader.
import type { HashSetFormat, OnBatch, ReadResult } from './hash-entry.ts';
import { readCsv, type CsvReadOptions } from './csv-reader.ts';
import { sniffFormat } from './detect-format.ts';
import { readList, type ListReadOptions } from './list-reader.ts';
import { readVics, type VicsReadOptions } from './vics-reader.ts';

export type HashSetReadOptions = VicsReadOptions &
  ListReadOptions &
  CsvReadOptions & {
    /** Skip sniffing when the caller already knows the format. */
    format?: HashSetFormat;
  };

export async function readHashSet(
  input: AsyncIterable<Buffer | Uint8Array | string>,
  onBatch: OnBatch,
  opts?: HashSetReadOptions,
): Promise<ReadResult> {
  let format = opts?.format;
  let stream = input;
  if (format === undefined) ({ format, stream } = await sniffFormat(input));
  if (format === 'vics') return readVics(stream, onBatch, opts);
  if (format === 'csv') return readCsv(stream, onBatch, opts);
  return readList(stream, onBatch, opts);
}
