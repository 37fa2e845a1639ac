import { pino, type DestinationStream, type Logger } from 'pino';

// One structured JSON line per request (Fastify) and per state change (the write path).
export type AppLogger = Logger;
export const APP_LOGGER = Symbol('APP_LOGGER');

// Logs never carry what people wrote: a failed statement's parameters (a caucus note, a survey
// answer), request bodies or event payloads. Errors keep only what an operator needs to find the
// cause; known payload keys are censored wherever they appear.
const REDACTED_PATHS = [
  'body',
  'parameters',
  'payload',
  'notes',
  'quotes',
  '*.body',
  '*.parameters',
  '*.payload',
  '*.notes',
  '*.quotes',
];

export function createLogger(level: string, destination?: DestinationStream): AppLogger {
  return pino(
    {
      level,
      base: { service: 'wage-negotiation-engine' },
      serializers: { err: safeError, error: safeError },
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    },
    destination,
  );
}

interface DriverFields {
  code?: unknown;
  constraint?: unknown;
  table?: unknown;
  column?: unknown;
  routine?: unknown;
}

// A TypeORM QueryFailedError carries `query`, `parameters` and the driver's `detail` ("Key (id)=(…)")
// and `where`: all dropped, and so is a database message, which can quote any value (a trigger's
// RAISE, 'invalid input syntax …: "…"'): the SQLSTATE, constraint and routine locate the cause.
// Other messages keep their text with quoted values masked.
export function safeError(e: unknown): Record<string, unknown> {
  if (!(e instanceof Error)) return { type: typeof e };
  const driver = ((e as { driverError?: DriverFields }).driverError ?? e) as DriverFields;
  const fromDatabase = 'driverError' in e || typeof driver.routine === 'string';
  return {
    type: e.constructor.name,
    code: driver.code,
    constraint: driver.constraint,
    table: driver.table,
    column: driver.column,
    routine: driver.routine,
    message: fromDatabase ? undefined : maskValues(e.message),
    stack: (e.stack ?? '')
      .split('\n')
      .filter((line) => line.startsWith('    at '))
      .join('\n'),
  };
}

const maskValues = (message: string): string =>
  message
    .split('\n')[0]
    .replace(/"[^"]*"/g, '"…"')
    .replace(/'[^']*'/g, "'…'")
    .replace(/\([^)]*\)/g, '(…)');
