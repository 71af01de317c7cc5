// The password policy: length, the common-password list, repetition and guessability (zxcvbn-ts, offline).
import { describe, expect, it } from 'vitest';
import { BadInput } from '../../../server/errors.ts';
import { assertPasswordPolicy, passwordProblem } from '../../../server/security/password-policy.ts';

describe('password policy', () => {
  it.each([
    ['elf tekens!', 'short'],
    ['aaaaaaaaaaaa', 'repetitive'],
    ['abababababab', 'repetitive'],
    ['abcdefghijkl', 'repetitive'],
    ['123456789012', 'common'],
    ['password1234', 'common'],
    ['qwertyuiopas', 'common'],
  ])('refuses %s as %s', (password, problem) => {
    expect(passwordProblem(password)).toBe(problem);
  });

  it('refuses a password built on the username', () => {
    expect(passwordProblem('jansenjansen', ['pjansen', 'Pieter Jansen'])).toBe('personal');
  });

  const good = ['correct horse battery', 'vier losse woorden hier', 'Plein-lantaarn-07', 'kzxw-4hq9-mmtp-7b2r'];
  it.each(good)('accepts %s', (password) => {
    expect(passwordProblem(password, ['lena'])).toBeNull();
  });

  it('says what is wrong and what to do, in Dutch and English, and stays fast on long input', () => {
    try {
      assertPasswordPolicy('aaaaaaaaaaaa');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(BadInput);
      expect((error as BadInput).messages.nl).toMatch(/herhalingen.*Kies bijvoorbeeld een zin/);
      expect((error as BadInput).messages.en).toMatch(/repetitions.*four or more unrelated words/);
    }
    const started = Date.now();
    expect(passwordProblem('a1b2c3d4e5f6g7h8i9j0'.repeat(50))).toBeNull();
    expect(Date.now() - started).toBeLessThan(2000);
  });
});
