import { describe, expect, it } from 'vitest';
import { btc, eth } from '../../../workers/signals/index.ts';
import { fictionalBase58Address } from '../selectors/identifiers.ts';

// Published test vectors: BIP-173 and BIP-350 (segwit addresses) and EIP-55 (checksummed Ethereum addresses).
const SEGWIT_VALID = [
  'BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4',
  'tb1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3q0sl5k7',
  'bc1pw508d6qejxtdg4y5r3zarvary0c5xw7kw508d6qejxtdg4y5r3zarvary0c5xw7kt5nd6y',
  'BC1SW50QGDZ25J',
  'bc1zw508d6qejxtdg4y5r3zarvaryvaxxpcs',
  'tb1qqqqqp399et2xygdj5xreqhjjvcmzhxw4aywxecjdzew6hylgvsesrxh6hy',
  'tb1pqqqqp399et2xygdj5xreqhjjvcmzhxw4aywxecjdzew6hylgvsesf3hn0c',
  'bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0',
];
const SEGWIT_INVALID = [
  'tc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vq5zuyut', // unknown prefix
  'bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqh2y7hd', // v1 with a bech32 (not bech32m) checksum
  'BC1S0XLXVLHEMJA6C4DQV22UAPCTQUPFHLXM9H8Z3K2E72Q4K9HCZ7VQ54WELL', // v16 with a bech32 checksum
  'bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kemeawh', // v0 with a bech32m checksum
  'bc1pw508d6qejxtdg4y5r3zarvary0c5xw7k7grplx', // BIP-173's v1 example: bech32, refused since BIP-350
  'bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t5', // one character changed
  'bc1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4', // mixed case
];
const EIP55_VALID = [
  '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed',
  '0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359',
  '0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB',
  '0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb',
  '0x52908400098527886E0F7030069857D2E4169EE7',
  '0xde709f2102306220921060314715629080e2fb77',
];

describe('bitcoin addresses', () => {
  it.each(SEGWIT_VALID)('accepts the segwit test vector %s in lower case', (address) => {
    expect(btc.normalise(address)).toBe(address.toLowerCase());
    expect(btc.validate(address.toLowerCase())).toBe(true);
  });

  it.each(SEGWIT_INVALID)('refuses %s', (address) => {
    expect(btc.normalise(address)).toBeNull();
  });

  it('accepts base58check P2PKH and P2SH addresses as written and refuses a broken checksum', () => {
    const p2pkh = fictionalBase58Address(0x00, 0x11);
    const p2sh = fictionalBase58Address(0x05, 0x22);
    expect(p2pkh.startsWith('1') && p2sh.startsWith('3')).toBe(true);
    expect(btc.normalise(` bitcoin:${p2pkh} `)).toBe(p2pkh);
    expect(btc.normalise(p2sh)).toBe(p2sh);
    const flipped = p2pkh.slice(0, -1) + (p2pkh.endsWith('a') ? 'b' : 'a');
    expect(btc.normalise(flipped)).toBeNull();
    // Base58 is case-sensitive: another case is another (here: invalid) address.
    expect(btc.normalise(p2pkh.toLowerCase())).toBeNull();
    // A valid checksum over an unknown version byte is not a bitcoin address.
    expect(btc.normalise(fictionalBase58Address(0x30, 0x11))).toBeNull();
  });
});

describe('ethereum addresses', () => {
  it.each(EIP55_VALID)('accepts the EIP-55 vector %s and writes it in lower case', (address) => {
    expect(eth.normalise(address)).toBe(address.toLowerCase());
    expect(eth.validate(address.toLowerCase())).toBe(true);
    expect(eth.validate(address)).toBe(address === address.toLowerCase());
  });

  it('refuses a mixed-case address whose EIP-55 checksum is wrong, and non-addresses', () => {
    const [vector] = EIP55_VALID;
    const badCase = vector.replace('aA', 'Aa');
    expect(eth.normalise(badCase)).toBeNull();
    expect(eth.normalise(vector.toLowerCase())).toBe(vector.toLowerCase());
    expect(eth.normalise(vector.toUpperCase().replace('0X', '0x'))).toBe(vector.toLowerCase());
    expect(eth.normalise(vector.slice(0, -1))).toBeNull();
    expect(eth.normalise(`${vector.slice(0, -1)}g`)).toBeNull();
  });
});
