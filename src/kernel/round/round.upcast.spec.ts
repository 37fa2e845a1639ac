import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import type { RoundContext } from './round.types.js';
import { upcastPeople } from './round.upcast.js';

const frozen = (file: string): RoundContext =>
  JSON.parse(readFileSync(`test/fixtures/snapshots/wool-knitwear@1/${file}`, 'utf8')).persisted
    .context;

describe('upcastPeople', () => {
  it('renames the member handles of a round recorded before ADR 0025, keeping their values', () => {
    const ctx = upcastPeople({
      ...frozen('ratified.json'),
      vacancies: [
        { side: 'worker', memberRef: 'li.w2', vacatedOn: '2025-07-03', reason: 'left' },
      ] as never,
    });
    expect(ctx.delegations.worker[0]).toEqual({
      personId: 'chen.chair',
      name: '陈国强 (Chen Guoqiang, union chair)',
      isChief: true,
      isExpert: false,
      appointedOn: '2025-07-01',
    });
    expect(ctx.recorder).toEqual({ personId: 'ye.recorder', name: '叶文 (Ye Wen, recorder)' });
    expect(ctx.vacancies).toEqual([
      { side: 'worker', personId: 'li.w2', vacatedOn: '2025-07-03', reason: 'left' },
    ]);
    expect(JSON.stringify(ctx)).not.toContain('memberRef');
  });

  it('returns a current context unchanged', () => {
    const current = { ...frozen('constituting.json'), recorder: { personId: 'p-1' } };
    expect(upcastPeople(current)).toBe(current);
  });
});
