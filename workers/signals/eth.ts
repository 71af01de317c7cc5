// Ethereum addresses: 0x and 40 hex digits; a mixed-case address must carry a valid EIP-55 checksum.
import { keccak_256 } from '@noble/hashes/sha3.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { selectorSignal } from './signal-type.ts';

/** The EIP-55 spelling of a lower-case address: a letter is upper case where its hash nibble is ≥ 8. */
function eip55(lowerHex: string): string {
  const hash = bytesToHex(keccak_256(utf8ToBytes(lowerHex)));
  const chars = [...lowerHex].map((c, i) => (parseInt(hash[i], 16) >= 8 ? c.toUpperCase() : c));
  return `0x${chars.join('')}`;
}

function normaliseEth(raw: string): string | null {
  const written = raw.trim().replace(/^ethereum:/i, '');
  if (!/^0x[0-9a-fA-F]{40}$/.test(written)) return null;
  const hex = written.slice(2);
  const lower = hex.toLowerCase();
  // All lower or all upper case carries no checksum; mixed case must be exactly EIP-55.
  if (hex !== lower && hex !== hex.toUpperCase() && eip55(lower) !== written) return null;
  return `0x${lower}`;
}

/** Ethereum addresses in lower case; a mixed-case spelling with a broken EIP-55 checksum is refused. */
export const eth = selectorSignal('eth', 'ETH', /^0x[0-9a-f]{40}$/, normaliseEth);
