import { pino, type Logger } from 'pino';

// One structured JSON line per request (Fastify) and per state change (the write path).
export type AppLogger = Logger;
export const APP_LOGGER = Symbol('APP_LOGGER');

export function createLogger(level: string): AppLogger {
  return pino({ level, base: { service: 'wage-negotiation-engine' } });
}
