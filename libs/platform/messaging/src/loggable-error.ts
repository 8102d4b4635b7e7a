/**
 * What of an unexpected error may be logged: database errors keep their SQLSTATE, message and
 * constraint, but not the statement's parameters, the query text or PostgreSQL's `detail`
 * (which quote customer data such as names and addresses).
 */
export function loggableError(error: unknown): unknown {
  if (!(error instanceof Error)) return error;
  const driver = (error as { driverError?: unknown }).driverError;
  const database = (driver ?? error) as Partial<Record<string, unknown>>;
  const isDatabaseError =
    driver !== undefined ||
    'parameters' in error ||
    (typeof database.code === 'string' && typeof database.severity === 'string');
  if (!isDatabaseError) return error;
  return {
    type: error.name,
    message: error.message,
    code: database.code,
    constraint: database.constraint,
    table: database.table,
    stack: error.stack,
  };
}
