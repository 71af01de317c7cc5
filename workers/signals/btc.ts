// Bitcoin addresses: base58check (P2PKH, P2SH) and bech32/bech32m segwit, each valid by its checksum.
import { bech32, bech32m } from 'bech32';
import bs58check from 'bs58check';
import { selectorSignal } from './signal-type.ts';

/** Mainnet and testnet: 1… and 3… on mainnet, m…/n… and 2… on testnet. */
const BASE58_VERSIONS = new Set([0x00, 0x05, 0x6f, 0xc4]);
const SEGWIT_PREFIXES = new Set(['bc', 'tb']);

/** BIP-173/BIP-350: version 0 uses bech32 with a 20- or 32-byte program; versions 1–16 use bech32m. */
function isSegwit(lower: string): boolean {
  const plain = bech32.decodeUnsafe(lower, 90);
  const decoded = plain ?? bech32m.decodeUnsafe(lower, 90);
  if (decoded === undefined || !SEGWIT_PREFIXES.has(decoded.prefix) || decoded.words.length === 0) return false;
  const [version, ...data] = decoded.words;
  const program = bech32.fromWordsUnsafe(data);
  if (program === undefined || version > 16 || program.length < 2 || program.length > 40) return false;
  if (version === 0) return plain !== undefined && (program.length === 20 || program.length === 32);
  return plain === undefined;
}

function isBase58Address(written: string): boolean {
  try {
    const payload = bs58check.decode(written);
    return payload.length === 21 && BASE58_VERSIONS.has(payload[0]);
  } catch {
    return false;
  }
}

function normaliseBtc(raw: string): string | null {
  const written = raw.trim().replace(/^bitcoin:/i, '');
  if (/^(?:bc|tb)1/i.test(written)) {
    // Bech32 is case-insensitive but never mixed-case; its canonical form is lower case.
    const lower = written.toLowerCase();
    return written !== lower && written !== written.toUpperCase() ? null : isSegwit(lower) ? lower : null;
  }
  return /^[123mn][1-9A-HJ-NP-Za-km-z]{25,34}$/.test(written) && isBase58Address(written) ? written : null;
}

/** Bitcoin addresses; base58 is case-sensitive and kept as written, bech32 is compared in lower case. */
export const btc = selectorSignal(
  'btc',
  'BTC',
  /^(?:[123mn][1-9A-HJ-NP-Za-km-z]{25,34}|(?:bc|tb)1[02-9ac-hj-np-z]{6,87})$/,
  normaliseBtc,
);
