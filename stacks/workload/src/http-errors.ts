// Every error the API answers has one JSON shape:
//   { "error": "<code>", "message": "<one clear sentence>", "requestId": "<id>" }
// Input is validated with zod before anything touches the database, so a 4xx never
// leaves a half-written row behind.
import type { FastifyError, FastifyInstance } from 'fastify';
import { z } from 'zod';
import { BurnQueueFullError } from './burn';
import { DatabaseUnavailableError } from './db/database';

export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

export const badRequest = (message: string) => new HttpError(400, 'bad_request', message);
export const notFound = (message: string) => new HttpError(404, 'not_found', message);
export const conflict = (code: string, message: string) => new HttpError(409, code, message);

/** Parses one part of a request (params, query or body) or throws a 400 naming the first problem. */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown, part: 'body' | 'query' | 'path'): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const where = issue.path.length > 0 ? `${part} field "${issue.path.join('.')}"` : part;
  throw badRequest(`Invalid ${where}: ${issue.message}.`);
}

// zod building blocks with messages a client can act on. Path and query values are
// strings: only plain decimal digits pass (no "1e3", "0x10" or " 7").
const MAX_INT4 = 2_147_483_647;

export const idParam = (what: string) =>
  z
    .string()
    .regex(/^[1-9][0-9]{0,9}$/, { message: `${what} must be a positive whole number` })
    .transform(Number)
    .refine((n) => n <= MAX_INT4, { message: `${what} is too large` });

export const queryInt = (what: string, min: number, max: number) =>
  z
    .string()
    .regex(/^-?[0-9]{1,16}$/, { message: `${what} must be a whole number` })
    .transform(Number)
    .refine((n) => n >= min && n <= max, { message: `${what} must be between ${min} and ${max}` });

/** A JSON number that is a whole number in [min, max]: "2", 1.5 and -1 are refused. */
export const bodyInt = (what: string, min: number, max: number) =>
  z
    .number({ message: `${what} must be a number` })
    .int({ message: `${what} must be a whole number` })
    .min(min, { message: `${what} must be ${min} or more` })
    .max(max, { message: `${what} must be ${max} or less` });

export const bodyId = (what: string) => bodyInt(what, 1, MAX_INT4);

export const uuidParam = (what: string) => z.uuid({ message: `${what} must be a UUID` });

export function installErrorHandlers(app: FastifyInstance, bodyLimitBytes: number): void {
  app.setNotFoundHandler((request, reply) => {
    void reply.code(404).send({ error: 'not_found', message: `No route ${request.method} ${request.url.split('?')[0]}.`, requestId: request.id });
  });

  app.setErrorHandler((error: FastifyError | Error, request, reply) => {
    const send = (status: number, code: string, message: string) => reply.code(status).send({ error: code, message, requestId: request.id });
    if (error instanceof HttpError) return send(error.statusCode, error.code, error.message);
    if (error instanceof DatabaseUnavailableError) {
      request.log.warn({ reason: error.reason, err: { message: error.message } }, 'database unavailable');
      void reply.header('retry-after', '1');
      return send(503, 'database_unavailable', 'The database is unavailable right now; retry in a moment.');
    }
    if (error instanceof BurnQueueFullError) {
      void reply.header('retry-after', '1');
      return send(503, 'busy', error.message);
    }
    switch ((error as FastifyError).code) {
      case 'FST_ERR_CTP_INVALID_JSON_BODY':
        return send(400, 'invalid_json', 'The request body is not valid JSON.');
      case 'FST_ERR_CTP_EMPTY_JSON_BODY':
        return send(400, 'invalid_json', 'The request body is empty but its content-type says JSON.');
      case 'FST_ERR_CTP_BODY_TOO_LARGE':
        return send(413, 'body_too_large', `The request body is larger than ${bodyLimitBytes} bytes.`);
      case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
        return send(415, 'unsupported_media_type', 'Send the request body as application/json.');
      case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
        return send(400, 'bad_request', 'The content-length header does not match the body.');
    }
    const status = (error as FastifyError).statusCode;
    if (status !== undefined && status >= 400 && status < 500) return send(status, 'bad_request', error.message);
    request.log.error({ err: error }, 'unhandled error');
    return send(500, 'internal_error', 'Something went wrong on our side; the request id identifies it in the logs.');
  });
}
