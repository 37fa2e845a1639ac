import type { DemoParty, DemoPerson } from '../../../kernel/round/procedure.js';

// The Hengfeng shoe round's cast: the two parties (domain.md §1, §6) and the people the round script
// appoints and acts as. Names of people are invented (illustrative, unassigned 0000 numbers, reserved
// example.invalid addresses). The seed registers them beside the people of other industries.

export const HENGFENG_PARTIES = {
  hengfengShoeUnion: {
    id: '6f1a0c52-3b7e-4c1d-9a0e-000000000003',
    side: 'worker',
    kind: 'industryUnion',
    nameZh: '横峰街道制鞋行业工会',
    nameEn: 'Hengfeng Shoe Industry Union',
    industryCode: 'shoes',
    regionCode: 'wenling-hengfeng',
  },
  hengfengShoeAssociation: {
    id: '6f1a0c52-3b7e-4c1d-9a0e-000000000004',
    side: 'employer',
    kind: 'industryAssociation',
    nameZh: '横峰街道制鞋行业协会',
    nameEn: 'Hengfeng Shoe Industry Association',
    industryCode: 'shoes',
    regionCode: 'wenling-hengfeng',
  },
} as const satisfies Record<string, DemoParty>;

// Same fixed prefix as the other industries' demo people; shoes numbers 25 and 51-59.
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

const U = HENGFENG_PARTIES.hengfengShoeUnion.id;
const A = HENGFENG_PARTIES.hengfengShoeAssociation.id;

export const HENGFENG_PEOPLE: Record<string, DemoPerson> = Object.fromEntries([
  person(25, 'zhu.shoes', '朱', U, '工会主席 (union chair)'),
  person(51, 'wu.shoes', '吴海燕', U, '高头车工 (upper-machine stitcher)'),
  person(52, 'pan.shoes', '潘立', U, '踏帮工 (upper stitcher)'),
  person(53, 'cao.shoes', '曹小红', U, '成型工 (lasting worker)'),
  person(54, 'xie.shoes', '谢永康', A, '会长 (association chief)'),
  person(55, 'tang.shoes', '唐伟', A, '企业主 (owner, member enterprise)'),
  person(56, 'song.shoes', '宋丽', A, '厂长 (factory manager)'),
  person(57, 'yu.shoes', '余建', A, '人事经理 (HR manager)'),
  person(58, 'jiang.shoes', '蒋文', null, '记录员 (recorder, shoe round)'),
]);
