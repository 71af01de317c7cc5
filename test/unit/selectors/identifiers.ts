// Fictional identifiers for tests, made valid by computing their checksums here: no real account or wallet.
import bs58check from 'bs58check';

/** An IBAN with correct ISO 7064 mod-97 check digits for a made-up BBAN (e.g. bank code `ABCD`). */
export function fictionalIban(country: string, bban: string): string {
  const digits = `${bban}${country}00`.replace(/[A-Z]/g, (c) => String(c.charCodeAt(0) - 55));
  let remainder = 0;
  for (const digit of digits) remainder = (remainder * 10 + Number(digit)) % 97;
  return `${country}${String(98 - remainder).padStart(2, '0')}${bban}`;
}

/** A base58check address over a made-up 20-byte hash: version 0x00 is P2PKH (1…), 0x05 is P2SH (3…). */
export function fictionalBase58Address(version: number, fill: number): string {
  return bs58check.encode(Uint8Array.from([version, ...new Array<number>(20).fill(fill)]));
}

/** Written in groups of four, the way people copy an IBAN from their banking app. */
export function grouped(value: string): string {
  return value.replace(/(.{4})(?=.)/g, '$1 ');
}
