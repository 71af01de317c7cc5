// Typed errors, mapped to HTTP status codes in one handler. Messages say what was wrong and what to do,
// in Dutch first and English: the handler answers in the language the request asks for (nl by default).
export type Message = string | { nl: string; en: string };

export class AppError extends Error {
  public readonly messages: { nl: string; en: string };
  constructor(
    public readonly statusCode: number,
    public readonly code: string,
    message: Message,
    public readonly headers: Record<string, string> = {},
  ) {
    const messages = typeof message === 'string' ? { nl: message, en: message } : message;
    super(messages.en);
    this.messages = messages;
    this.name = new.target.name;
  }
}

/** The language for server messages: English only when the request prefers it, else Dutch. */
export function messageLanguage(acceptLanguage: string | undefined): 'nl' | 'en' {
  const first = (acceptLanguage ?? '').split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'nl';
}

export class NotFound extends AppError {
  constructor(message: Message = { nl: 'Niet gevonden.', en: 'Not found.' }) {
    super(404, 'NOT_FOUND', message);
  }
}
export class Forbidden extends AppError {
  constructor(
    message: Message = {
      nl: 'U hebt geen toestemming voor deze handeling.',
      en: 'You do not have permission for this action.',
    },
  ) {
    super(403, 'FORBIDDEN', message);
  }
}
export class Unauthorized extends AppError {
  constructor(message: Message = { nl: 'Meld u eerst aan.', en: 'Sign in first.' }) {
    super(401, 'UNAUTHORIZED', message);
  }
}
export class BadInput extends AppError {
  constructor(message: Message) {
    super(400, 'BAD_INPUT', message);
  }
}
export class Conflict extends AppError {
  constructor(message: Message) {
    super(409, 'CONFLICT', message);
  }
}
export class TooManyRequests extends AppError {
  constructor(message: Message, retryAfterSeconds: number) {
    super(429, 'TOO_MANY_REQUESTS', message, { 'retry-after': String(retryAfterSeconds) });
  }
}
/** The store is full: nothing was kept, and the same request succeeds once space is freed. */
export class InsufficientStorage extends AppError {
  constructor(
    message: Message = {
      nl: 'De opslag is vol: er is niets bewaard. Laat de beheerder ruimte vrijmaken en upload het daarna opnieuw.',
      en: 'Storage is full: nothing was kept. Ask the administrator to free space, then upload again.',
    },
  ) {
    super(507, 'INSUFFICIENT_STORAGE', message);
  }
}
export class PayloadTooLarge extends AppError {
  constructor(message: Message) {
    super(413, 'PAYLOAD_TOO_LARGE', message);
  }
}
export class UnsupportedMediaType extends AppError {
  constructor(message: Message) {
    super(415, 'UNSUPPORTED_MEDIA_TYPE', message);
  }
}

/** One answer for every case-owned resource that is missing or not the actor's: its existence is need-to-know. */
/** A refusal answered as a plain 404 (need-to-know): the audit records it as denied; the user learns nothing more. */
export class NotYours extends NotFound {}

export const notFoundOrNotYours = () =>
  new NotYours({
    nl: 'Niet gevonden, of u hebt er geen toegang toe. Controleer het nummer, of vraag de zaakleider u als lid toe te voegen.',
    en: 'Not found, or not yours to open. Check the number, or ask the case lead to add you as a member.',
  });

/** The database is away for a moment (a restart, a fault): the same request succeeds once it is back. */
export class DatabaseUnavailable extends AppError {
  constructor() {
    super(
      503,
      'DATABASE_UNAVAILABLE',
      {
        nl:
          'De database is even niet bereikbaar (bijvoorbeeld door een herstart). Probeer het over een halve minuut opnieuw; ' +
          'blijft dit zo, waarschuw dan de beheerder.',
        en:
          'The database is briefly unreachable (for example during a restart). Try again in half a minute; ' +
          'if it persists, tell the administrator.',
      },
      { 'retry-after': '30' },
    );
  }
}
