import { Catch, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import { catchMessageError, loggableError } from '#platform/messaging';
import { CorrelationContext } from '#platform/observability';
import { PROBLEM_CONTENT_TYPE, toProblemDetails } from './problem-details.js';

/**
 * The one place where errors leave the application. HTTP callers get problem+json; message
 * callers get a WireError. Expected business errors are not logged as failures.
 */
@Catch()
export class ExceptionBoundaryFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpError');

  catch(error: unknown, host: ArgumentsHost) {
    if (host.getType() === 'rpc') return catchMessageError(error, host);

    const http = host.switchToHttp();
    const request = http.getRequest<Request>();
    const response = http.getResponse<Response>();
    const { problem, expected } = toProblemDetails(error);
    if (!expected)
      this.logger.error({ err: loggableError(error), path: request.url }, 'Request failed');
    const retryAfter = problem.details?.retryAfterSeconds;
    if (problem.status === 503 && typeof retryAfter === 'number')
      response.setHeader('Retry-After', String(retryAfter));
    response
      .status(problem.status)
      .type(PROBLEM_CONTENT_TYPE)
      .send(
        JSON.stringify({
          ...problem,
          instance: request.originalUrl,
          correlationId: CorrelationContext.current()?.correlationId,
        }),
      );
  }
}
