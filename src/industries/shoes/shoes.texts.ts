import type { RoundEventType } from '../../kernel/round/round.events.js';
import type { Bilingual } from '../../kernel/round/bilingual.js';
import { CLOSING_STATE_TEXTS } from '../../kernel/round/round.closing.js';
import type { ShoesEventType } from './shoes.events.js';

// What each state and event of the shoes procedure means, in Chinese and English. The machine takes its
// state descriptions from here, and GET /api/industries/shoes/procedure serves both maps.

// Keyed by state id (the path joined with dots); a unit test fails if a state lacks an entry or a language.
export const SHOES_STATE_TEXTS = {
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
  preparing: {
    en: 'Both sides prepare: agenda items, information requests, separate caucuses (背靠背), the union’s increase band; then the public hearing is scheduled.',
    zh: '协商准备：确定议题、提供资料、背靠背分别商议、工会提出涨幅区间，再确定听证会时间地点',
  },
  publicHearing: {
    en: 'The public hearing (听证会): worker and employer representatives attend, each side’s opinions are recorded, and both chiefs sign its minutes before the joint sessions.',
    zh: '召开听证会：职工代表与企业代表出席、记录双方意见，双方首席代表签署听证纪要后方可面对面协商',
  },
  negotiating: {
    en: 'Joint sessions (面对面) with offers and counteroffers.',
    zh: '面对面协商',
  },
  'negotiating.betweenSessions': {
    en: 'Between joint sessions: the sides caucus, sign minutes, and may suspend, seek coordination or agree a draft.',
    zh: '协商间隙：分别商议、签署记录，可中止、申请协调或形成草案',
  },
  'negotiating.inSession': {
    en: 'A joint session is open: offers and counteroffers are tabled and the recorder keeps minutes.',
    zh: '协商会议进行中：双方提出报价与还价，记录员记录',
  },
  'negotiating.suspensionProposed': {
    en: 'One chief proposed to suspend; the other chief must consent (mutual consent only).',
    zh: '一方提议中止协商，待对方首席代表同意',
  },
  ...CLOSING_STATE_TEXTS,
} as const satisfies Record<string, Bilingual>;

export type ShoesStateId = keyof typeof SHOES_STATE_TEXTS;

// The state's description (English) and its Chinese text, in the shape the machine definition carries.
export const describedState = (id: ShoesStateId) => ({
  description: SHOES_STATE_TEXTS[id].en,
  meta: { zh: SHOES_STATE_TEXTS[id].zh },
});

// The kernel's events in this procedure's own words, where they differ from the kernel's.
export const SHOES_KERNEL_EVENT_TEXTS: Partial<Record<RoundEventType, Bilingual>> = {
  'parties.registered': {
    en: 'The shoe industry union and the shoe industry association are registered as the two parties.',
    zh: '登记协商双方主体（工会与行业协会）',
  },
};

// The procedure's own events, so the compiler refuses one without its text.
export const SHOES_OWN_EVENT_TEXTS: Record<ShoesEventType, Bilingual> = {
  'increaseBand.stated': {
    en: 'The union states its proposed increase band over last year’s rates; its offers keep inside it or give a reason per line.',
    zh: '工会提出工价涨幅区间（较上年），其报价逐项须在区间内或说明理由',
  },
  'hearing.scheduled': {
    en: 'The date and place of the public hearing (听证会) are set.',
    zh: '确定听证会日期与地点',
  },
  'hearing.attendanceRecorded': {
    en: 'The recorder records how many worker and employer representatives attend the hearing.',
    zh: '记录员登记听证会职工代表与企业代表出席人数',
  },
  'hearing.opinionRecorded': {
    en: 'The recorder records an opinion voiced at the hearing, with the speaker’s side.',
    zh: '记录员记录听证会上的一条意见及发言方',
  },
  'hearing.minutesRecorded': {
    en: 'The recorder records the hearing’s minutes.',
    zh: '记录员形成听证会纪要',
  },
  'hearing.minutesSigned': {
    en: 'A chief representative signs the hearing’s minutes.',
    zh: '首席代表在听证会纪要上签字',
  },
};
