import type { IncomingMessage } from 'node:http';
import { MAX_INPUT_DEPTH } from '#platform/messaging';

/** The largest request body accepted (after decompression); larger ones get 413. */
export const MAX_JSON_BODY = '100kb';

/**
 * Options for Express's JSON body parser (the only body parser Seam registers): a size limit,
 * and a depth check on the raw bytes before `JSON.parse`, so a body nested thousands deep is a
 * 400 and never reaches class-transformer (which recurses and overflows the stack).
 *
 * @example
 * app.useBodyParser('json', jsonBodyOptions());
 */
export function jsonBodyOptions(maxDepth = MAX_INPUT_DEPTH) {
  return {
    limit: MAX_JSON_BODY,
    verify: (_request: IncomingMessage, _response: unknown, body: Buffer) => {
      if (jsonDepth(body) > maxDepth)
        throw Object.assign(
          new Error(`The request body is nested more than ${maxDepth} levels deep`),
          {
            status: 400,
            type: 'entity.too.deep',
            expose: true,
          },
        );
    },
  };
}

/** The deepest nesting of `[`/`{` outside strings; one pass, no parse. */
export function jsonDepth(body: Buffer): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let index = 0; index < body.length; index++) {
    const byte = body[index];
    if (inString) {
      if (byte === 0x5c)
        index++; // backslash: skip the escaped byte
      else if (byte === 0x22) inString = false;
    } else if (byte === 0x22) inString = true;
    else if (byte === 0x5b || byte === 0x7b) deepest = Math.max(deepest, ++depth);
    else if (byte === 0x5d || byte === 0x7d) depth--;
  }
  return deepest;
}
