import type { DemoParty, DemoPerson } from '../../../kernel/round/procedure.js';

// The Wenling shipbuilding round's cast, ILLUSTRATIVE: the sources say the Wenling model spread to
// ship repair and building (domain.md §1) but name neither its union nor its association, so both
// names are assumed; people are invented (unassigned 0000 numbers, example.invalid addresses).
// Fixed ids (a range of their own) make seeding repeatable.

export const SHIPBUILDING_PARTIES = {
  shipbuildingUnion: {
    id: '6f1a0c52-3b7e-4c1d-9a0e-000000000301',
    side: 'worker',
    kind: 'industryUnion',
    nameZh: '温岭市船舶修造行业工会',
    nameEn: 'Wenling Ship Repair and Building Industry Union (illustrative)',
    industryCode: 'shipbuilding',
    regionCode: 'wenling',
  },
  shipbuildingAssociation: {
    id: '6f1a0c52-3b7e-4c1d-9a0e-000000000302',
    side: 'employer',
    kind: 'industryAssociation',
    nameZh: '温岭市船舶修造行业协会',
    nameEn: 'Wenling Ship Repair and Building Industry Association (illustrative)',
    industryCode: 'shipbuilding',
    regionCode: 'wenling',
  },
} as const satisfies Record<string, DemoParty>;

const personId = (n: number) => `7a4e2f10-9c3b-4d5e-8f61-${String(n).padStart(12, '0')}`;

const person = (
  n: number,
  handle: string,
  fullName: string,
  organisationPartyId: string | null,
  position: string,
): [string, DemoPerson] => [
  handle,
  {
    id: personId(n),
    fullName,
    phone: `0576-0000-${String(n).padStart(4, '0')}`,
    email: `${handle}@example.invalid`,
    organisationPartyId,
    position,
  },
];

const U = SHIPBUILDING_PARTIES.shipbuildingUnion.id;
const A = SHIPBUILDING_PARTIES.shipbuildingAssociation.id;

export const SHIPBUILDING_PEOPLE: Record<string, DemoPerson> = Object.fromEntries([
  person(301, 'xie.chair', '谢海涛', U, '船舶修造行业工会主席 (union chair)'),
  person(302, 'fang.w1', '方志明', U, '电焊工 (welder)'),
  person(303, 'jiang.w2', '蒋立军', U, '船体装配工 (hull fitter)'),
  person(304, 'qiu.w3', '邱春燕', U, '油漆工 (painter)'),
  person(305, 'cai.w4', '蔡永', U, '船舶电工 (ship electrician)'),
  person(311, 'pan.chief', '潘建国', A, '船舶修造行业协会会长 (association chief)'),
  person(312, 'shen.e1', '沈伟', A, '船厂厂长 (shipyard manager)'),
  person(313, 'yao.e2', '姚丽华', A, '人事经理 (HR manager)'),
  person(314, 'du.e3', '杜强', A, '企业主 (owner, ship repair yard)'),
  person(315, 'wei.e4', '魏芳', A, '财务主管 (finance lead)'),
  person(321, 'dai.recorder', '戴琳', null, '记录员 (recorder)'),
]);

// The demo accounts that play the round; the demo seed adds them beside the other industries'.
const acc = (n: number) => `0d3c9b7a-5e21-4f6a-8b4c-${String(n).padStart(12, '0')}`;
export const SHIPBUILDING_ACCOUNTS = [
  {
    id: acc(301),
    username: 'xie.chair',
    displayName: '谢海涛 (shipbuilding union chair, illustrative)',
    grants: [{ role: 'unionChair' as const, partyId: U }],
  },
  {
    id: acc(302),
    username: 'pan.chief',
    displayName: '潘建国 (shipbuilding association chief, illustrative)',
    grants: [{ role: 'associationChief' as const, partyId: A }],
  },
  {
    id: acc(303),
    username: 'dai.recorder',
    displayName: '戴琳 (shipbuilding recorder, illustrative)',
    grants: [{ role: 'recorder' as const, industryCode: 'shipbuilding', regionCode: 'wenling' }],
  },
];
