// The password policy for every password a person chooses or is given: at least 12 characters, not on the
// common-password list, not trivially repetitive, and not easy to guess (zxcvbn-ts, offline dictionaries).
import { ZxcvbnFactory, type ZxcvbnResult } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as en from '@zxcvbn-ts/language-en';
import * as nlBe from '@zxcvbn-ts/language-nl-be';
import { BadInput } from '../errors.ts';

const MIN_PASSWORD_LENGTH = 12;
const MAX_PASSWORD_LENGTH = 1024;
/** zxcvbn score 3: about 10^8 guesses or more ("safely unguessable" against online attacks). */
const MIN_SCORE = 3;
/** zxcvbn's cost grows with length; past this the rest of a long passphrase only adds strength. */
const CHECKED_PREFIX = 128;

export type PolicyProblem = 'short' | 'long' | 'common' | 'personal' | 'repetitive' | 'guessable';

let factory: ZxcvbnFactory | null = null;
// Built on first use: the dictionaries take about 0.1 s to index; no Levenshtein matching, which costs seconds.
const estimator = (): ZxcvbnFactory =>
  (factory ??= new ZxcvbnFactory({
    dictionary: {
      ...common.dictionary,
      'commonWords-en': en.dictionary['commonWords-en'],
      'commonWords-nl': nlBe.dictionary.commonWords,
    },
    graphs: common.adjacencyGraphs,
    useLevenshteinDistance: false,
  }));

function problemOf(result: ZxcvbnResult): PolicyProblem | null {
  if (result.score >= MIN_SCORE) return null;
  const names = result.sequence.map((m) => ('dictionaryName' in m ? String(m.dictionaryName) : ''));
  if (names.includes('passwords-common')) return 'common';
  if (names.includes('userInputs')) return 'personal';
  const patterns = new Set(result.sequence.map((m) => m.pattern));
  if (patterns.has('repeat') || patterns.has('sequence') || patterns.has('spatial')) return 'repetitive';
  return 'guessable';
}

/** What is wrong with a password, or null when it may be used. `personal` words (username, name) may not carry it. */
export function passwordProblem(password: string, personal: string[] = []): PolicyProblem | null {
  if ([...password].length < MIN_PASSWORD_LENGTH) return 'short';
  if (password.length > MAX_PASSWORD_LENGTH) return 'long';
  if (new Set(password.toLowerCase()).size < 5) return 'repetitive';
  const inputs = [...personal, 'spoor']
    .flatMap((w) => [w, ...w.split(/[\s._-]+/)])
    .map((w) => w.toLowerCase())
    .filter((w) => w.length >= 3);
  return problemOf(estimator().check(password.slice(0, CHECKED_PREFIX), inputs));
}

const ADVICE = {
  nl: 'Kies bijvoorbeeld een zin van vier of meer losse woorden die niet bij elkaar horen.',
  en: 'For example, choose a phrase of four or more unrelated words.',
};

const MESSAGES: Record<PolicyProblem, { nl: string; en: string }> = {
  short: {
    nl: `Het wachtwoord is te kort: gebruik minstens ${MIN_PASSWORD_LENGTH} tekens.`,
    en: `The password is too short: use at least ${MIN_PASSWORD_LENGTH} characters.`,
  },
  long: {
    nl: `Het wachtwoord is te lang: gebruik hoogstens ${MAX_PASSWORD_LENGTH} tekens.`,
    en: `The password is too long: use at most ${MAX_PASSWORD_LENGTH} characters.`,
  },
  common: {
    nl: 'Dit wachtwoord (of iets wat er sterk op lijkt) staat op de lijst van veelgebruikte wachtwoorden.',
    en: 'This password (or something very like it) is on the list of commonly used passwords.',
  },
  personal: {
    nl: 'Het wachtwoord leunt op uw gebruikersnaam, uw naam of "spoor" en is daardoor makkelijk te raden.',
    en: 'The password leans on your username, your name or "spoor", which makes it easy to guess.',
  },
  repetitive: {
    nl: 'Het wachtwoord bestaat uit herhalingen of een reeks (zoals "aaaa", "abcd" of "qwerty").',
    en: 'The password consists of repetitions or a sequence (such as "aaaa", "abcd" or "qwerty").',
  },
  guessable: { nl: 'Dit wachtwoord is te makkelijk te raden.', en: 'This password is too easy to guess.' },
};

/** Throws a bilingual BadInput that says what is wrong and what to choose instead. */
export function assertPasswordPolicy(password: string, personal: string[] = []): void {
  const problem = passwordProblem(password, personal);
  if (!problem) return;
  const m = MESSAGES[problem];
  throw new BadInput({ nl: `${m.nl} ${ADVICE.nl}`, en: `${m.en} ${ADVICE.en}` });
}
