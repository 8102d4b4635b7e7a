import { describe, expect, it } from '@jest/globals';
import { loggableError } from './loggable-error.js';

describe('loggableError', () => {
  it('keeps the SQLSTATE and message of a database error but not its parameters or query', () => {
    const driverError = Object.assign(
      new Error('invalid byte sequence for encoding "UTF8": 0x00'),
      {
        code: '22021',
        severity: 'ERROR',
        detail: 'Failing row contains (Ada Lovelace, Hauptstraße 1)',
      },
    );
    const failed = Object.assign(new Error(driverError.message), {
      name: 'QueryFailedError',
      query: 'INSERT INTO ordering.orders VALUES ($1, $2)',
      parameters: ['Ada Lovelace', 'Hauptstraße 1'],
      driverError,
    });
    const logged = loggableError(failed);
    expect(logged).toMatchObject({ code: '22021', message: driverError.message });
    expect(JSON.stringify(logged)).not.toMatch(/Ada Lovelace|Hauptstraße|INSERT INTO/);
  });

  it('leaves other errors as they are', () => {
    const error = new Error('boom');
    expect(loggableError(error)).toBe(error);
  });
});
