import { PARTY_ROLES, type Role } from '../auth/roles.js';
import { FORMULA_REASON, looksLikeFormula } from '../kernel/rates/spreadsheet-cells.js';
import { EMAIL, PHONE, USERNAME, USERNAME_RULE } from './account.rules.js';

// 代表名单: the onboarding list of a delegation, one representative per row (docs/administration.md).
// Headers are Chinese; the English names are accepted too. Every problem of every row is reported;
// a list with any problem is refused whole.

export const ONBOARDING_COLUMNS = [
  { key: 'fullName', zh: '姓名', en: 'name', required: true },
  { key: 'phone', zh: '手机', en: 'phone', required: true },
  { key: 'email', zh: '电子邮箱', en: 'email', required: false },
  { key: 'username', zh: '用户名', en: 'username', required: true },
  { key: 'organisation', zh: '组织', en: 'organisation', required: true },
  { key: 'position', zh: '职务', en: 'position', required: false },
  { key: 'role', zh: '角色', en: 'role', required: true },
] as const;

type ColumnKey = (typeof ONBOARDING_COLUMNS)[number]['key'];

// The roles a delegation list may ask for, by their Chinese names or their keys.
export const ROLE_NAMES: Record<string, Role> = {
  工会主席: 'unionChair',
  职工代表: 'workerRepresentative',
  协会会长: 'associationChief',
  企业代表: 'employerRepresentative',
};
const WORKER_ROLES: readonly Role[] = ['unionChair', 'workerRepresentative'];

export const MAX_REPRESENTATIVES = 500;

export interface OnboardingProblem {
  row: number;
  column: string | null;
  problem: string;
}

export interface OnboardingParty {
  id: string;
  side: string;
  nameZh: string;
  nameEn: string | null;
}

export interface Representative {
  row: number;
  fullName: string;
  phone: string;
  email: string | null;
  username: string;
  organisationPartyId: string;
  position: string | null;
  // Kept in the answer for the grant proposal; an account holds no role until a grant is approved.
  roleWanted: Role;
}

export interface OnboardingContext {
  takenUsernames: ReadonlySet<string>;
  parties: readonly OnboardingParty[];
}

interface ListedRow {
  row: number;
  values: Record<ColumnKey, string>;
}

/** The header and data rows of the first sheet; problems with the sheet's shape come back at once. */
export function listedRows(grid: readonly (readonly string[])[]): {
  rows: ListedRow[];
  problems: OnboardingProblem[];
} {
  const problems: OnboardingProblem[] = [];
  const header = (grid[0] ?? []).map((h) => h.trim().toLowerCase());
  const index = {} as Record<ColumnKey, number>;
  for (const c of ONBOARDING_COLUMNS) {
    const at = header.findIndex((h) => h === c.zh || h === c.en);
    if (at >= 0) index[c.key] = at;
    else if (c.required)
      problems.push({
        row: 1,
        column: c.zh,
        problem: `the header row has no "${c.zh}" (or "${c.en}") column; start from docs/examples/onboarding.xlsx`,
      });
  }
  if (problems.length > 0) return { rows: [], problems };
  const rows: ListedRow[] = [];
  for (const [i, cells] of grid.entries()) {
    if (i === 0) continue;
    const values = Object.fromEntries(
      ONBOARDING_COLUMNS.map((c) => [
        c.key,
        index[c.key] === undefined ? '' : (cells[index[c.key]] ?? '').trim(),
      ]),
    ) as Record<ColumnKey, string>;
    if (Object.values(values).every((v) => v === '')) continue;
    rows.push({ row: i + 1, values });
  }
  if (rows.length === 0)
    problems.push({
      row: 2,
      column: null,
      problem: 'the list has no representatives below the header row',
    });
  if (rows.length > MAX_REPRESENTATIVES)
    problems.push({
      row: rows[MAX_REPRESENTATIVES].row,
      column: null,
      problem: `a list holds at most ${MAX_REPRESENTATIVES} representatives; split it`,
    });
  return { rows, problems };
}

export function usernamesIn(rows: readonly ListedRow[]): string[] {
  return [...new Set(rows.map((r) => r.values.username).filter((u) => u !== ''))];
}

/** Checks every row against the rules and the database's facts; nothing is stored unless none fails. */
export function checkRepresentatives(
  rows: readonly ListedRow[],
  ctx: OnboardingContext,
): { representatives: Representative[]; problems: OnboardingProblem[] } {
  const problems: OnboardingProblem[] = [];
  const representatives: Representative[] = [];
  const firstRowOf = new Map<string, number>();
  for (const { row, values: v } of rows) {
    const bad = (column: string, problem: string) => problems.push({ row, column, problem });
    const before = problems.length;
    for (const c of ONBOARDING_COLUMNS) {
      if (c.required && v[c.key] === '') bad(c.zh, `the ${c.en} is missing`);
      else if (looksLikeFormula(v[c.key]) && c.key !== 'phone')
        bad(c.zh, `"${v[c.key]}" ${FORMULA_REASON}`);
    }
    if (v.fullName.length > 120) bad('姓名', 'the name is longer than 120 characters');
    if (v.position.length > 120) bad('职务', 'the position is longer than 120 characters');
    if (v.phone !== '' && !PHONE.test(v.phone))
      bad(
        '手机',
        `"${v.phone}" is not a phone number (digits, with an optional +, spaces or dashes)`,
      );
    if (v.email !== '' && (v.email.length > 254 || !EMAIL.test(v.email)))
      bad('电子邮箱', `"${v.email}" is not an e-mail address`);
    if (v.username !== '') {
      if (!USERNAME.test(v.username)) bad('用户名', `"${v.username}": ${USERNAME_RULE}`);
      else if (firstRowOf.has(v.username))
        bad(
          '用户名',
          `"${v.username}" is already on row ${firstRowOf.get(v.username)} of this list`,
        );
      else if (ctx.takenUsernames.has(v.username))
        bad('用户名', `"${v.username}" is already taken by an existing account; choose another`);
      if (!firstRowOf.has(v.username)) firstRowOf.set(v.username, row);
    }
    const roleWanted =
      v.role === ''
        ? null
        : (ROLE_NAMES[v.role] ?? (PARTY_ROLES.includes(v.role as Role) ? (v.role as Role) : null));
    if (v.role !== '' && !roleWanted)
      bad(
        '角色',
        `"${v.role}" is not a delegation role; use ${Object.keys(ROLE_NAMES).join(', ')}`,
      );
    const party = v.organisation === '' ? null : organisationOf(v.organisation, ctx.parties);
    if (v.organisation !== '') {
      if (party === null)
        bad(
          '组织',
          `"${v.organisation}" is neither the id nor the name of a union or association; list them at GET /parties`,
        );
      else if (party === 'ambiguous')
        bad('组织', `"${v.organisation}" names more than one organisation; give its id`);
      else if (roleWanted && WORKER_ROLES.includes(roleWanted) !== (party.side === 'worker'))
        bad(
          '角色',
          `a ${v.role} sits on the ${WORKER_ROLES.includes(roleWanted) ? 'worker' : 'employer'} side, but ${v.organisation} is on the ${party.side} side`,
        );
    }
    if (problems.length > before || !roleWanted || party === null || party === 'ambiguous')
      continue;
    representatives.push({
      row,
      fullName: v.fullName,
      phone: v.phone,
      email: v.email || null,
      username: v.username,
      organisationPartyId: party.id,
      position: v.position || null,
      roleWanted,
    });
  }
  return { representatives: problems.length ? [] : representatives, problems };
}

function organisationOf(
  text: string,
  parties: readonly OnboardingParty[],
): OnboardingParty | 'ambiguous' | null {
  const byId = parties.find((p) => p.id === text.toLowerCase());
  if (byId) return byId;
  const named = parties.filter(
    (p) => p.nameZh === text || p.nameEn?.toLowerCase() === text.toLowerCase(),
  );
  return named.length === 1 ? named[0] : named.length > 1 ? 'ambiguous' : null;
}
