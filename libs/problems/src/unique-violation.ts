/**
 * Whether `error` is PostgreSQL's unique_violation (SQLSTATE 23505), optionally on the named
 * constraint — as node-postgres raises it, or wrapped by TypeORM (`driverError`).
 */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const pgError = ((error as { driverError?: unknown })?.driverError ?? error) as { code?: unknown; constraint?: unknown } | null | undefined;
  return pgError?.code === '23505' && (constraint === undefined || pgError.constraint === constraint);
}
