// Typed errors, mapped to HTTP status codes in one handler. Messages say what was wrong and what to do.
export class AppError extends Error {
  constructor(public readonly statusCode: number, public readonly code: string, message: string, public readonly headers: Record<string, string> = {}) {
    super(message);
    this.name = new.target.name;
  }
}

export class NotFound extends AppError {
  constructor(message = 'Not found.') { super(404, 'NOT_FOUND', message); }
}
export class Forbidden extends AppError {
  constructor(message = 'You do not have permission for this action.') { super(403, 'FORBIDDEN', message); }
}
export class Unauthorized extends AppError {
  constructor(message = 'Sign in first.') { super(401, 'UNAUTHORIZED', message); }
}
export class BadInput extends AppError {
  constructor(message: string) { super(400, 'BAD_INPUT', message); }
}
export class Conflict extends AppError {
  constructor(message: string) { super(409, 'CONFLICT', message); }
}
export class TooManyRequests extends AppError {
  constructor(message: string, retryAfterSeconds: number) {
    super(429, 'TOO_MANY_REQUESTS', message, { 'retry-after': String(retryAfterSeconds) });
  }
}
