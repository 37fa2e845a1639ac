import {
  Catch,
  HttpException,
  Inject,
  type ArgumentsHost,
  type ExceptionFilter,
} from '@nestjs/common';
import { DomainError, type ErrorCode, type ErrorKind } from './domain-error.js';
import { APP_LOGGER, type AppLogger } from './logger.js';

export const STATUS_BY_KIND: Record<ErrorKind, number> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  notFound: 404,
  conflict: 409,
  tooLarge: 413,
  unsupportedMediaType: 415,
  timeout: 408,
  unprocessable: 422,
  unavailable: 503,
  tooManyRequests: 429,
  internal: 500,
};

export interface ErrorBody {
  code: ErrorCode;
  message: string;
  details: Record<string, unknown>;
}

// For refusals made in Fastify hooks, before Nest's filter is in reach: the same status and body.
export function domainErrorReply(e: DomainError): { status: number; body: ErrorBody } {
  return {
    status: STATUS_BY_KIND[e.kind],
    body: { code: e.code, message: e.message, details: e.details },
  };
}

// Framework-level refusals (unknown route, malformed JSON, oversized body) get codes too.
function fromHttpException(e: HttpException): ErrorBody & { status: number } {
  const status = e.getStatus();
  const code =
    status === 404
      ? 'NOT_FOUND'
      : status === 413
        ? 'PAYLOAD_TOO_LARGE'
        : status === 415
          ? 'UNSUPPORTED_MEDIA_TYPE'
          : status === 400
            ? 'MALFORMED_REQUEST'
            : // Every answer's code is one of ERROR_CODES, so a client's enum is exact.
              status < 500
              ? 'MALFORMED_REQUEST'
              : 'INTERNAL';
  const hint =
    status === 413
      ? 'the body is larger than the server accepts; send less'
      : status === 400
        ? 'the body must be well-formed JSON with Content-Type: application/json'
        : '';
  return { status, code, message: [e.message, hint].filter(Boolean).join(': '), details: {} };
}

// The one place where errors become HTTP responses: { code, message, details }.
@Catch()
export class ErrorFilter implements ExceptionFilter {
  constructor(@Inject(APP_LOGGER) private readonly logger: AppLogger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse();
    let status: number;
    let body: ErrorBody;
    if (exception instanceof DomainError) {
      ({ status, body } = domainErrorReply(exception));
    } else if (exception instanceof HttpException) {
      const { status: s, ...b } = fromHttpException(exception);
      status = s;
      body = b;
    } else if (isFastifyClientError(exception)) {
      status = exception.statusCode;
      body = {
        code:
          status === 413
            ? 'PAYLOAD_TOO_LARGE'
            : status === 415
              ? 'UNSUPPORTED_MEDIA_TYPE'
              : 'MALFORMED_REQUEST',
        message: `${exception.message}; send well-formed JSON within the size limit`,
        details: { fastifyCode: exception.code },
      };
    } else {
      status = 500;
      body = {
        code: 'INTERNAL',
        message: 'an unexpected error occurred; nothing was changed. It has been logged.',
        details: {},
      };
    }
    // Deliberate load shedding (LOGIN_BUSY) is not a failure worth an error line per request.
    const isShedding = exception instanceof DomainError && exception.kind === 'unavailable';
    if (status >= 500 && !isShedding)
      this.logger.error({ err: exception, code: body.code }, 'request failed');
    // Refusals that end by themselves (throttling, load shedding) say when to come back.
    if (typeof body.details.retryAfterSeconds === 'number')
      reply.header('retry-after', String(body.details.retryAfterSeconds));
    reply.status(status).send(body);
  }
}

function isFastifyClientError(
  e: unknown,
): e is { statusCode: number; message: string; code: string } {
  const s = (e as { statusCode?: unknown })?.statusCode;
  return typeof s === 'number' && s >= 400 && s < 500;
}
