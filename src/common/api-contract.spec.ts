import { describe, expect, it } from '@jest/globals';
import { ApiProperty } from '@nestjs/swagger';
import { ApiInt, codesWithStatus, listOf, toResponse, wholeList } from './api-contract.js';
import { ERROR_CODES } from './domain-error.js';
import { STATUS_BY_KIND } from './error.filter.js';
import { readFileSync } from 'node:fs';

class Line {
  @ApiProperty() processCode: string;
  @ApiProperty({ type: 'string', nullable: true }) productType: string | null;
}
class Answer {
  @ApiProperty() id: string;
  @ApiProperty({ type: [Line] }) lines: Line[];
  @ApiProperty({ type: () => Line, nullable: true }) first: Line | null;
  @ApiInt() count: number;
}
const LineList = listOf(Line);

describe('toResponse', () => {
  it('keeps exactly the properties the DTO describes, nested and in arrays', () => {
    const out = toResponse(Answer, {
      id: 'a',
      secret: 'bottom line',
      lines: [{ processCode: 'KN-01', productType: null, note: 'internal' }],
      first: { processCode: 'KN-02', productType: 'PT', rate: '1.0000' },
      count: 2,
    });
    expect(out).toEqual({
      id: 'a',
      lines: [{ processCode: 'KN-01', productType: null }],
      first: { processCode: 'KN-02', productType: 'PT' },
      count: 2,
    });
  });

  it('keeps null, leaves out what is absent', () => {
    expect(toResponse(Answer, { id: 'a', first: null })).toEqual({ id: 'a', first: null });
  });

  it('maps the items of a list envelope', () => {
    const list = wholeList([{ processCode: 'KN-01', productType: null, extra: 1 }]);
    expect(toResponse(LineList, list)).toEqual({
      items: [{ processCode: 'KN-01', productType: null }],
      page: { limit: 1, next: null },
    });
  });
});

describe('error codes by status', () => {
  it('puts every code under exactly one status', () => {
    const statuses = [400, 401, 403, 404, 408, 409, 413, 415, 422, 429, 500, 503];
    const all = statuses.flatMap(codesWithStatus);
    expect(all.sort()).toEqual(Object.keys(ERROR_CODES).sort());
  });
});

describe('docs/api.md', () => {
  it('lists every error code with its status', () => {
    const doc = readFileSync('docs/api.md', 'utf8');
    const missing = (Object.keys(ERROR_CODES) as (keyof typeof ERROR_CODES)[]).filter(
      (code) => !doc.includes(`| \`${code}\` | ${STATUS_BY_KIND[ERROR_CODES[code]]} |`),
    );
    expect(missing).toEqual([]);
  });
});
