import { describe, expect, it } from '@jest/globals';
import {
  checkRepresentatives,
  listedRows,
  usernamesIn,
  type OnboardingParty,
} from './onboarding-sheet.js';
import { readFileSync } from 'node:fs';
import { readSheetRows } from '../piece-rates/sheet-rows.js';
import {
  ONBOARDING_EXAMPLE_ROWS,
  ONBOARDING_HEADER,
  writeOnboardingXlsx,
} from './onboarding-template.js';

const UNION: OnboardingParty = {
  id: '6f1a0c52-3b7e-4c1d-9a0e-000000000001',
  side: 'worker',
  nameZh: '新河镇羊毛衫行业工会',
  nameEn: 'Xinhe Wool Knitwear Industry Union',
};
const ASSOCIATION: OnboardingParty = {
  id: '6f1a0c52-3b7e-4c1d-9a0e-000000000002',
  side: 'employer',
  nameZh: '新河镇羊毛衫行业协会',
  nameEn: null,
};
const ctx = { takenUsernames: new Set(['chen.chair']), parties: [UNION, ASSOCIATION] };

const check = (rows: string[][]) => {
  const listed = listedRows([ONBOARDING_HEADER, ...rows]);
  expect(listed.problems).toEqual([]);
  return checkRepresentatives(listed.rows, ctx);
};

describe('the onboarding list', () => {
  it('reads the template’s example rows, by organisation name or id and by role name', () => {
    const { representatives, problems } = check([
      ...ONBOARDING_EXAMPLE_ROWS,
      ['李四', '+86 139-0000-0003', '', 'li.si', UNION.id, '', 'workerRepresentative'],
    ]);
    expect(problems).toEqual([]);
    expect(representatives).toEqual([
      expect.objectContaining({
        row: 2,
        username: 'wang.xh',
        organisationPartyId: UNION.id,
        roleWanted: 'workerRepresentative',
        email: 'wang.xh@example.cn',
      }),
      expect.objectContaining({
        row: 3,
        username: 'chen.lx',
        organisationPartyId: ASSOCIATION.id,
        roleWanted: 'employerRepresentative',
        email: null,
      }),
      expect.objectContaining({
        row: 4,
        username: 'li.si',
        organisationPartyId: UNION.id,
        position: null,
      }),
    ]);
  });

  it('lists every bad row with its column, and returns nobody to store', () => {
    const [good] = ONBOARDING_EXAMPLE_ROWS;
    const { representatives, problems } = check([
      good,
      ['', 'abc', 'not-mail', 'Bad Name', '无此组织', '', '老板'],
      [...good.slice(0, 3), 'wang.xh', ...good.slice(4)],
      [...good.slice(0, 3), 'chen.chair', ...good.slice(4)],
      [...good.slice(0, 3), 'ok.name', ...good.slice(4, 6), '企业代表'],
      ['=HYPERLINK("x")', ...good.slice(1, 3), 'f.name', ...good.slice(4)],
    ]);
    expect(representatives).toEqual([]);
    expect(problems.filter((p) => p.row === 3).map((p) => p.column)).toEqual([
      '姓名',
      '手机',
      '电子邮箱',
      '用户名',
      '角色',
      '组织',
    ]);
    expect(problems.filter((p) => p.row !== 3)).toEqual([
      { row: 4, column: '用户名', problem: expect.stringContaining('already on row 2') },
      { row: 5, column: '用户名', problem: expect.stringContaining('already taken') },
      { row: 6, column: '角色', problem: expect.stringContaining('worker side') },
      { row: 7, column: '姓名', problem: expect.stringContaining('formula') },
    ]);
  });

  it('refuses a sheet without the required columns, or without anyone on it', () => {
    expect(listedRows([['姓名', '手机']]).problems.map((p) => p.column)).toEqual([
      '用户名',
      '组织',
      '角色',
    ]);
    expect(listedRows([ONBOARDING_HEADER, [], ['', '']]).problems).toEqual([
      expect.objectContaining({ problem: expect.stringContaining('no representatives') }),
    ]);
  });

  it('accepts English headers in any order and skips empty rows, keeping row numbers', () => {
    const listed = listedRows([
      ['role', 'username', 'organisation', 'phone', 'name'],
      [],
      ['职工代表', 'a.rep', UNION.nameZh, '13800000000', '甲'],
    ]);
    expect(listed.problems).toEqual([]);
    expect(usernamesIn(listed.rows)).toEqual(['a.rep']);
    expect(checkRepresentatives(listed.rows, ctx).representatives).toEqual([
      expect.objectContaining({ row: 3, username: 'a.rep', phone: '13800000000' }),
    ]);
  });

  it('is what the template in docs/examples holds, and that file reads back clean', async () => {
    const committed = readFileSync(new URL('../../docs/examples/onboarding.xlsx', import.meta.url));
    // Compared by content: the zip inside an XLSX carries the time it was written.
    const { rows } = await readSheetRows(committed, 'xlsx');
    const fresh = await readSheetRows(await writeOnboardingXlsx(ONBOARDING_EXAMPLE_ROWS), 'xlsx');
    expect(rows).toEqual(fresh.rows);
    expect(rows).toEqual([ONBOARDING_HEADER, ...ONBOARDING_EXAMPLE_ROWS]);
    const listed = listedRows(rows!);
    expect(listed.problems).toEqual([]);
    expect(checkRepresentatives(listed.rows, ctx).representatives.map((r) => r.username)).toEqual([
      'wang.xh',
      'chen.lx',
    ]);
  });
});
