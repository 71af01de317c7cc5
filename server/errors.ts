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
