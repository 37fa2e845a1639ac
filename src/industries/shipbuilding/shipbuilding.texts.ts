import type { Bilingual } from '../../kernel/round/bilingual.js';
import { CLOSING_STATE_TEXTS } from '../../kernel/round/round.closing.js';
import type { RoundEventType } from '../../kernel/round/round.events.js';
import type { ShipbuildingEventType } from './shipbuilding.package.js';

// What each state and event of the shipbuilding procedure means, in Chinese and English. The machine
// takes its state descriptions from here; GET /api/industries/shipbuilding/procedure serves both maps.

export const SHIPBUILDING_STATE_TEXTS = {
  opened: {
    en: 'The union chair has opened the round; the two parties are to be registered.',
    zh: '已发起协商，待登记双方主体',
  },
  constituting: {
    en: 'Each side appoints its delegation and one chief; a neutral recorder is appointed.',
    zh: '产生协商代表与记录员',
  },
  awaitingOffer: {
    en: 'Delegations are confirmed; either side may send the written offer (要约).',
    zh: '代表已确认，待一方书面提出协商要约',
  },
  awaitingReply: {
    en: 'The offer was received; the other side must answer in writing within the reply period.',
    zh: '要约已送达，对方应在期限内书面回应',
  },
  surveying: {
    en: 'The union surveys wages by trade (highest, average and lowest monthly wage, excluding overtime, from enterprise reports) and tables its findings; bargaining opens after.',
    zh: '工会开展分工种工资调查（企业报送的不含加班的月工资最高、平均、最低值），提交调查结果后进入协商',
  },
  preparing: {
    en: 'Both sides prepare on the survey: agenda items, information requests and separate caucuses (背靠背).',
    zh: '依据工资调查结果准备协商：确定议题、提供资料、背靠背分别商议',
  },
  negotiating: {
    en: 'Joint sessions (面对面) over the package: trade minimums, skill grids and clauses.',
    zh: '面对面协商：工种最低工资、能级工资与非工资条款',
  },
  'negotiating.betweenSessions': {
    en: 'Between joint sessions: the sides caucus, sign minutes, and may suspend, seek coordination or agree a draft once every clause is settled.',
    zh: '协商间隙：分别商议、签署记录，可中止、申请协调，或在各条款均已议定（或撤回）后形成草案',
  },
  'negotiating.inSession': {
    en: 'A joint session is open: the package is tabled and countered as a whole or item by item, clauses agreed or withdrawn; the recorder keeps minutes.',
    zh: '协商会议进行中：双方整体或逐项提出、还价一揽子方案，议定或撤回条款，记录员记录',
  },
  'negotiating.suspensionProposed': {
    en: 'One chief proposed to suspend; the other chief must consent (mutual consent only).',
    zh: '一方提议中止协商，待对方首席代表同意',
  },
  ...CLOSING_STATE_TEXTS,
  draftAgreed: {
    en: 'The package is agreed as a draft; both chief representatives sign it before it goes to the workers’ congress.',
    zh: '一揽子方案已形成协议草案，待双方首席代表签字',
  },
  awaitingRatification: {
    en: 'The signed draft is to be put to the sector workers’ congress.',
    zh: '草案已签字，待提交行业职工代表大会审议',
  },
} as const satisfies Record<string, Bilingual>;

export type ShipbuildingStateId = keyof typeof SHIPBUILDING_STATE_TEXTS;

export const describedState = (id: ShipbuildingStateId) => ({
  description: SHIPBUILDING_STATE_TEXTS[id].en,
  meta: { zh: SHIPBUILDING_STATE_TEXTS[id].zh },
});

// The kernel's events in this procedure's own words, where they differ from the kernel's.
export const SHIPBUILDING_KERNEL_EVENT_TEXTS: Partial<Record<RoundEventType, Bilingual>> = {
  'parties.registered': {
    en: 'The shipbuilding union and the employers’ association are registered as the two parties.',
    zh: '登记协商双方主体（船舶修造行业工会与行业协会）',
  },
  'recorder.replacementProposed': {
    en: 'A chief proposes to replace the recorder, naming the new recorder and the reason.',
    zh: '一方首席代表提议更换记录员，写明新记录员及理由',
  },
  'recorder.replacementConsented': {
    en: 'The other chief consents; the new recorder takes the seat.',
    zh: '对方首席代表同意，更换记录员',
  },
  'recorder.replacementDeclined': {
    en: 'The other chief declines the replacement; the recorder stays.',
    zh: '对方首席代表不同意更换记录员',
  },
  'minutes.amended': {
    en: 'The recorder amends the minutes of a session as a new version, stating why; earlier versions are kept.',
    zh: '记录员修订会议记录（新版本，保留原版本并说明理由）',
  },
  'ratification.submitted': {
    en: 'The signed draft is submitted to the sector workers’ congress.',
    zh: '草案提交行业职工代表大会审议',
  },
};

export const SHIPBUILDING_OWN_EVENT_TEXTS: Record<ShipbuildingEventType, Bilingual> = {
  'wageSurvey.tabled': {
    en: 'The union tables its wage survey by trade: per trade the highest, average and lowest monthly wage excluding overtime, and the enterprises and workers behind them.',
    zh: '工会提交分工种工资调查结果：各工种不含加班的月工资最高、平均、最低值及所涉企业数、职工数',
  },
  'package.tabled': {
    en: 'A chief tables or counters the package, as a whole or item by item: trade minimums, skill grids (能级), clauses.',
    zh: '首席代表整体或逐项提出（或还价）一揽子方案：工种最低工资、能级工资、非工资条款',
  },
  'clause.agreed': {
    en: 'A chief agrees the other side’s terms of one clause.',
    zh: '首席代表同意对方就某一条款提出的内容',
  },
  'clause.withdrawn': {
    en: 'The side that tabled a clause withdraws it, stating why.',
    zh: '条款提出方撤回该条款并说明理由',
  },
  'package.draftAgreed': {
    en: 'The sides agree the draft: a minimum per surveyed trade, the skill grids, the settled clauses, and headcount for the pay-impact estimate.',
    zh: '双方形成协议草案：各工种最低工资、能级工资、已议定条款，及用于测算的各工种、能级人数',
  },
};
