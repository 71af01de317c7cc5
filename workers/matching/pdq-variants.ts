// Which PDQ hashes stand for a piece of content, and which it is looked up with. Stored: its PDQ (when good
// enough to match on) and its trimmed-border PDQ. Queried: the 8 dihedral hashes of each, so a flipped, turned
// or padded copy finds its original, as in Meta's matcher (query the variants, store the plain hash).
import type { PdqColumns } from '../../storage/repositories/blobs.repository.ts';
import { pdq } from '../signals/index.ts';

type StoredColumns = Pick<PdqColumns, 'pdq' | 'pdq_quality' | 'pdq_trimmed'>;

const usablePdq = (b: StoredColumns): b is StoredColumns & { pdq: string } =>
  b.pdq !== null && pdq.usable(b.pdq, b.pdq_quality);

/** The hashes that stand for the content in an index (the trimmed one is only stored when good enough). */
export function storedPdqs(b: StoredColumns): string[] {
  const hashes = usablePdq(b) ? [b.pdq] : [];
  if (b.pdq_trimmed) hashes.push(b.pdq_trimmed);
  return hashes;
}

/** The hashes the content is queried with: the dihedral variants of each stored hash. */
export function queryPdqs(b: PdqColumns): string[] {
  const variants = usablePdq(b) ? [...(b.pdq_dihedral?.length ? b.pdq_dihedral : [b.pdq])] : [];
  if (b.pdq_trimmed) variants.push(...(b.pdq_trimmed_dihedral?.length ? b.pdq_trimmed_dihedral : [b.pdq_trimmed]));
  return variants;
}
