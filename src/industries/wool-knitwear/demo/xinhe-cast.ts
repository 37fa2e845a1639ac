import type { DemoParty, DemoPerson } from '../../../kernel/round/procedure.js';

// The Xinhe round's cast: the two parties and the people the round script appoints and acts as.
// Names of people are invented (illustrative, unassigned 0000 numbers, reserved example.invalid
// addresses); organisations and places follow domain.md §1 and §5. Fixed ids make seeding repeatable;
// the demo seed registers them beside the people of other industries (src/seed/demo-reference.ts).

export const XINHE_PARTIES = {
  xinheUnion: {
    id: '6f1a0c52-3b7e-4c1d-9a0e-000000000001',
    side: 'worker',
    kind: 'industryUnion',
    nameZh: '新河镇羊毛衫行业工会',
    nameEn: 'Xinhe Wool Knitwear Industry Union',
    industryCode: 'wool-knitwear',
    regionCode: 'wenling-xinhe',
  },
  xinheAssociation: {
    id: '6f1a0c52-3b7e-4c1d-9a0e-000000000002',
    side: 'employer',
    kind: 'industryAssociation',
    nameZh: '新河镇羊毛衫行业协会',
    nameEn: 'Xinhe Wool Knitwear Industry Association',
    industryCode: 'wool-knitwear',
    regionCode: 'wenling-xinhe',
  },
} as const satisfies Record<string, DemoParty>;

// The demo's person ids share one fixed prefix; n numbers them across industries.
export const demoPersonId = (n: number) => `7a4e2f10-9c3b-4d5e-8f61-${String(n).padStart(12, '0')}`;

export const demoPerson = (
  n: number,
  handle: string,
  fullName: string,
  organisationPartyId: string | null,
  position: string,
): [string, DemoPerson] => [
  handle,
  {
    id: demoPersonId(n),
    fullName,
    phone: `0576-0000-${String(n).padStart(4, '0')}`,
    email: `${handle}@example.invalid`,
    organisationPartyId,
    position,
  },
];

const U = XINHE_PARTIES.xinheUnion.id;
const A = XINHE_PARTIES.xinheAssociation.id;

export const XINHE_PEOPLE: Record<string, DemoPerson> = Object.fromEntries([
  demoPerson(1, 'chen.chair', '陈国强', U, '工会主席 (union chair)'),
  demoPerson(2, 'wang.w1', '王丽', U, '挡车工 (knitting machine operator)'),
  demoPerson(3, 'li.w2', '李建', U, '套口工 (linking worker)'),
  demoPerson(4, 'zhao.w3', '赵敏', U, '缝纫工 (sewing worker)'),
  demoPerson(5, 'sun.w4', '孙芳', U, '整烫工 (pressing worker)'),
  demoPerson(6, 'zhou.w5', '周平', U, '检验工 (inspector)'),
  demoPerson(7, 'xu.expert', '徐教授', null, '外部专业人员 (outside expert, labour economics)'),
  demoPerson(11, 'lin.chief', '林志华', A, '会长 (association chief)'),
  demoPerson(12, 'he.e1', '何伟', A, '企业主 (owner, member enterprise)'),
  demoPerson(13, 'guo.e2', '郭强', A, '厂长 (factory manager)'),
  demoPerson(14, 'ma.e3', '马云芳', A, '人事经理 (HR manager)'),
  demoPerson(15, 'luo.e4', '罗斌', A, '企业主 (owner, member enterprise)'),
  demoPerson(16, 'zheng.e5', '郑杰', A, '副会长 (vice chief)'),
  demoPerson(17, 'hu.e6', '胡静', A, '财务主管 (finance lead)'),
  demoPerson(21, 'ye.recorder', '叶文', null, '记录员 (recorder)'),
  demoPerson(
    22,
    'liu.labour',
    '刘敏',
    null,
    '温岭市人力社保局 (Wenling HR & social security bureau)',
  ),
]);
