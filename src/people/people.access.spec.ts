import { describe, expect, it } from '@jest/globals';
import type { Caller, Grant } from '../auth/caller.js';
import { chiefOrganisations, reachOf } from './people.access.js';

const UNION = 'u-1';
const ASSOCIATION = 'a-1';
const grant = (role: Grant['role'], partyId: string | null = null): Grant => ({
  role,
  partyId,
  industryCode: null,
  regionCode: null,
});
const caller = (grants: Grant[], personId: string | null = 'p-caller'): Caller => ({
  accountId: 'acc',
  username: 'u',
  personId,
  memberRef: 'u',
  grants,
});
const worker = { id: 'p-worker', organisationPartyId: UNION };

describe('reachOf', () => {
  it.each([
    ['an administrator', caller([grant('administrator')]), 'full'],
    ['the person themself', caller([], 'p-worker'), 'full'],
    ['the union chair of their union', caller([grant('unionChair', UNION)]), 'roster'],
    ['the chief of the other organisation', caller([grant('associationChief', ASSOCIATION)]), null],
    ['a representative of their union', caller([grant('workerRepresentative', UNION)]), null],
    ['an auditor', caller([grant('auditor')]), null],
    ['a caller with no person', caller([], null), null],
  ] as const)('gives %s %s', (_who, c, reach) => {
    expect(reachOf(c, worker)).toBe(reach);
  });

  it('gives no chief the roster of someone without an organisation', () => {
    expect(
      reachOf(caller([grant('unionChair', UNION)]), { id: 'x', organisationPartyId: null }),
    ).toBe(null);
  });
});

describe('chiefOrganisations', () => {
  it('lists the parties the caller chairs, once each, and no representative grants', () => {
    const c = caller([
      grant('unionChair', UNION),
      grant('unionChair', UNION),
      grant('workerRepresentative', 'u-2'),
      grant('associationChief', ASSOCIATION),
    ]);
    expect(chiefOrganisations(c)).toEqual([UNION, ASSOCIATION]);
  });
});
