import { Writable } from 'node:stream';
import { describe, expect, it } from '@jest/globals';
import { QueryFailedError } from 'typeorm';
import { createLogger } from './logger.js';

const SECRET = '我方底线3.5%';

function captured() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { logger: createLogger('info', stream), lines };
}

describe('the logger never prints what people wrote', () => {
  it('keeps a failed statement’s class, code and constraint, not its parameters or values', () => {
    const driverError = Object.assign(
      new Error(`invalid input syntax for type uuid: "${SECRET}"`),
      {
        code: '22P02',
        constraint: 'PK_caucus_note',
        detail: `Key (body)=(${SECRET}) already exists.`,
        where: `unnamed portal parameter $5 = '${SECRET}'`,
      },
    );
    const error = new QueryFailedError(
      'INSERT INTO caucus_note (id, body) VALUES ($1, $2)',
      ['0d3c', SECRET],
      driverError,
    );
    const { logger, lines } = captured();
    logger.error({ err: error, code: 'INTERNAL' }, 'request failed');
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toContain(SECRET);
    expect(lines[0]).not.toContain(Buffer.from(SECRET).toString('hex'));
    const logged = JSON.parse(lines[0]).err;
    expect(logged).toMatchObject({
      type: 'QueryFailedError',
      code: '22P02',
      constraint: 'PK_caucus_note',
    });
    expect(Object.keys(logged)).not.toEqual(
      expect.arrayContaining([expect.stringMatching(/^(query|parameters|detail|where)$/)]),
    );
  });

  it('censors bodies, payloads, notes and quotes wherever they are logged', () => {
    const { logger, lines } = captured();
    logger.info(
      { body: { notes: SECRET }, request: { payload: SECRET, quotes: [SECRET] } },
      'careless',
    );
    expect(lines[0]).not.toContain(SECRET);
    expect(JSON.parse(lines[0])).toMatchObject({ body: '[redacted]' });
  });
});
