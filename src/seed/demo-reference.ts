import type { Role } from '../auth/roles.js';
import type { DemoPerson } from '../kernel/round/procedure.js';
import {
  XINHE_PARTIES,
  XINHE_PEOPLE,
  demoPerson,
} from '../industries/wool-knitwear/demo/xinhe-cast.js';
import { HENGFENG_PARTIES, HENGFENG_PEOPLE } from '../industries/shoes/demo/hengfeng-cast.js';
import {
  SHIPBUILDING_ACCOUNTS,
  SHIPBUILDING_PARTIES,
  SHIPBUILDING_PEOPLE,
} from '../industries/shipbuilding/demo/wenling-shipyards-cast.js';

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
  ...XINHE_PARTIES,
  ...HENGFENG_PARTIES,
  ...SHIPBUILDING_PARTIES,
} as const;

// The demo's people, keyed by the handle the demo uses for them: each industry's cast (its round's
// delegates and officers) and the people outside any round. Fixed ids, so the rounds appoint them by id.
export type { DemoPerson };

export const PEOPLE: Record<string, DemoPerson> = Object.fromEntries([
  ...Object.entries(XINHE_PEOPLE),
  ...Object.entries(HENGFENG_PEOPLE),
  ...Object.entries(SHIPBUILDING_PEOPLE),
  demoPerson(
    23,
    'qian.auditor',
    '钱审',
    null,
    '温岭市总工会审计员 (auditor, city union federation)',
  ),
  demoPerson(24, 'admin', '系统管理员', null, 'Administrator'),
  demoPerson(26, 'zhou.admin', '周敏华', null, '管理员 (administrator for Wenling)'),
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
  // The shoe round's association chief and recorder (src/industries/shoes/demo/).
  {
    id: acc(51),
    username: 'xie.shoes',
    displayName: '谢永康 (shoe association chief, illustrative)',
    grants: [{ role: 'associationChief', partyId: PARTIES.hengfengShoeAssociation.id }],
  },
  {
    id: acc(52),
    username: 'jiang.shoes',
    displayName: '蒋文 (shoe round recorder, illustrative)',
    grants: [{ role: 'recorder', industryCode: 'shoes', regionCode: 'wenling' }],
  },
  {
    id: acc(53),
    username: 'wu.shoes',
    displayName: '吴海燕 (shoe worker representative, illustrative)',
    grants: [{ role: 'workerRepresentative', partyId: PARTIES.hengfengShoeUnion.id }],
  },
  ...SHIPBUILDING_ACCOUNTS,
];
