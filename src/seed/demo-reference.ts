import type { Role } from '../auth/roles.js';

// Reference data for the demo. Names of people are invented (illustrative); organisations, places
// and figures follow domain.md §1 and §5. Fixed ids make seeding repeatable.

export const DEMO_PASSWORD = 'demo-password';

export const INDUSTRIES = [
  { code: 'wool-knitwear', nameZh: '羊毛衫', nameEn: 'Wool knitwear' },
  { code: 'shoes', nameZh: '制鞋', nameEn: 'Shoes' },
  { code: 'shipbuilding', nameZh: '船舶修造', nameEn: 'Ship repair and building' },
];

export const REGIONS = [
  { code: 'wenling', nameZh: '温岭市', nameEn: 'Wenling', level: 'county', parentCode: null },
  {
    code: 'wenling-xinhe',
    nameZh: '新河镇',
    nameEn: 'Xinhe town',
    level: 'town',
    parentCode: 'wenling',
  },
  {
    code: 'wenling-hengfeng',
    nameZh: '横峰街道',
    nameEn: 'Hengfeng',
    level: 'town',
    parentCode: 'wenling',
  },
  { code: 'yuhuan', nameZh: '玉环市', nameEn: 'Yuhuan', level: 'county', parentCode: null },
];

export const PARTIES = {
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
} as const;

// The demo's people (illustrative names, unassigned 0000 numbers, reserved example.invalid addresses),
// keyed by the handle the demo uses for them; fixed ids, so the demo rounds can appoint them by id.
export interface DemoPerson {
  id: string;
  fullName: string;
  phone: string;
  email: string;
  organisationPartyId: string | null;
  position: string;
}

const per = (n: number) => `7a4e2f10-9c3b-4d5e-8f61-${String(n).padStart(12, '0')}`;
const U = PARTIES.xinheUnion.id;
const A = PARTIES.xinheAssociation.id;
const demoPerson = (
  n: number,
  handle: string,
  fullName: string,
  organisationPartyId: string | null,
  position: string,
): [string, DemoPerson] => [
  handle,
  {
    id: per(n),
    fullName,
    phone: `0576-0000-${String(n).padStart(4, '0')}`,
    email: `${handle}@example.invalid`,
    organisationPartyId,
    position,
  },
];

export const PEOPLE: Record<string, DemoPerson> = Object.fromEntries([
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
  demoPerson(
    23,
    'qian.auditor',
    '钱审',
    null,
    '温岭市总工会审计员 (auditor, city union federation)',
  ),
  demoPerson(24, 'admin', '系统管理员', null, 'Administrator'),
  demoPerson(26, 'zhou.admin', '周敏华', null, '管理员 (administrator for Wenling)'),
  demoPerson(25, 'zhu.shoes', '朱', PARTIES.hengfengShoeUnion.id, '工会主席 (union chair)'),
]);

export interface DemoAccount {
  id: string;
  username: string;
  displayName: string;
  grants: { role: Role; partyId?: string; industryCode?: string; regionCode?: string }[];
}

const acc = (n: number) => `0d3c9b7a-5e21-4f6a-8b4c-${String(n).padStart(12, '0')}`;

export const ACCOUNTS: DemoAccount[] = [
  {
    id: acc(1),
    username: 'chen.chair',
    displayName: '陈国强 (union chair, illustrative)',
    grants: [{ role: 'unionChair', partyId: PARTIES.xinheUnion.id }],
  },
  {
    id: acc(2),
    username: 'lin.chief',
    displayName: '林志华 (association chief, illustrative)',
    grants: [{ role: 'associationChief', partyId: PARTIES.xinheAssociation.id }],
  },
  {
    id: acc(3),
    username: 'wang.w1',
    displayName: '王丽 (worker representative, illustrative)',
    grants: [{ role: 'workerRepresentative', partyId: PARTIES.xinheUnion.id }],
  },
  {
    id: acc(4),
    username: 'he.e1',
    displayName: '何伟 (employer representative, illustrative)',
    grants: [{ role: 'employerRepresentative', partyId: PARTIES.xinheAssociation.id }],
  },
  {
    id: acc(5),
    username: 'ye.recorder',
    displayName: '叶文 (recorder, illustrative)',
    grants: [{ role: 'recorder', industryCode: 'wool-knitwear', regionCode: 'wenling' }],
  },
  {
    id: acc(6),
    username: 'liu.labour',
    displayName: '刘敏 (Wenling HR & social security bureau, illustrative)',
    grants: [{ role: 'labourOfficer', regionCode: 'wenling' }],
  },
  {
    id: acc(7),
    username: 'qian.auditor',
    displayName: '钱审 (auditor, city union federation, illustrative)',
    grants: [{ role: 'auditor', regionCode: 'wenling' }],
  },
  {
    id: acc(8),
    username: 'admin',
    displayName: 'Administrator',
    grants: [{ role: 'administrator' }],
  },
  // A second administrator, scoped to Wenling: grants outside a party need two administrators
  // (ADR 0027), and a scoped one shows where an administrator's reach ends.
  {
    id: acc(13),
    username: 'zhou.admin',
    displayName: '周 (administrator for Wenling, illustrative)',
    grants: [{ role: 'administrator', regionCode: 'wenling' }],
  },
  {
    id: acc(10),
    username: 'li.w2',
    displayName: '李建 (worker representative, illustrative)',
    grants: [{ role: 'workerRepresentative', partyId: PARTIES.xinheUnion.id }],
  },
  {
    id: acc(11),
    username: 'zhao.w3',
    displayName: '赵敏 (worker representative, illustrative)',
    grants: [{ role: 'workerRepresentative', partyId: PARTIES.xinheUnion.id }],
  },
  {
    id: acc(12),
    username: 'guo.e2',
    displayName: '郭强 (employer representative, illustrative)',
    grants: [{ role: 'employerRepresentative', partyId: PARTIES.xinheAssociation.id }],
  },
  {
    id: acc(9),
    username: 'zhu.shoes',
    displayName: '朱 (shoe union chair, illustrative)',
    grants: [{ role: 'unionChair', partyId: PARTIES.hengfengShoeUnion.id }],
  },
];
