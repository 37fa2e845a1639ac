import type { RoundEventType } from '../../kernel/round/round.events.js';
import type { Bilingual } from '../../kernel/round/bilingual.js';
import { CLOSING_STATE_TEXTS } from '../../kernel/round/round.closing.js';

// What each state and event of the wool-knitwear procedure means, in Chinese and English. The machine
// takes its state descriptions from here, and GET /api/industries/:code/procedure serves both maps, so
// the console draws forms and timelines in either language without a copy of its own.

// Keyed by state id (the path joined with dots); a unit test fails if a state lacks an entry or a language.
export const WOOL_KNITWEAR_STATE_TEXTS = {
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
    en: 'Both sides prepare: agenda items, information requests and separate caucuses (背靠背).',
    zh: '协商准备：确定议题、提供资料、背靠背分别商议',
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

export type WoolKnitwearStateId = keyof typeof WOOL_KNITWEAR_STATE_TEXTS;

// The state's description (English) and its Chinese text, in the shape the machine definition carries.
export const describedState = (id: WoolKnitwearStateId) => ({
  description: WOOL_KNITWEAR_STATE_TEXTS[id].en,
  meta: { zh: WOOL_KNITWEAR_STATE_TEXTS[id].zh },
});

// Every event type, so the compiler refuses a new event without its text.
export const WOOL_KNITWEAR_EVENT_TEXTS: Record<RoundEventType, Bilingual> = {
  'parties.registered': {
    en: 'The union and the employers’ association are registered as the two parties.',
    zh: '登记协商双方主体（工会与行业协会）',
  },
  'delegate.appointed': {
    en: 'A side appoints a representative to its delegation (or its chief representative).',
    zh: '一方产生协商代表（或首席代表）',
  },
  'delegate.withdrawn': {
    en: 'A side withdraws a representative; the seat is vacated.',
    zh: '一方撤换协商代表',
  },
  'recorder.appointed': {
    en: 'A neutral recorder is appointed to keep the minutes.',
    zh: '确定记录员',
  },
  'recorder.replacementProposed': {
    en: 'A chief proposes to replace the recorder, naming the new recorder and the reason (v2).',
    zh: '一方首席代表提议更换记录员，写明新记录员及理由',
  },
  'recorder.replacementConsented': {
    en: 'The other chief consents; the new recorder takes the seat (v2).',
    zh: '对方首席代表同意，更换记录员',
  },
  'recorder.replacementDeclined': {
    en: 'The other chief declines the replacement; the recorder stays (v2).',
    zh: '对方首席代表不同意更换记录员',
  },
  'delegations.confirmed': {
    en: 'Both delegations are confirmed complete.',
    zh: '确认双方协商代表',
  },
  'offer.sent': {
    en: 'A side sends the written offer to negotiate (要约).',
    zh: '一方书面提出协商要约',
  },
  'offer.answered': {
    en: 'The other side answers the offer in writing.',
    zh: '对方书面回应协商要约',
  },
  'offer.declined': {
    en: 'The other side declines the offer with a just cause.',
    zh: '对方以正当理由拒绝协商',
  },
  'agenda.itemAdded': {
    en: 'An item is added to the agenda.',
    zh: '增加协商议题',
  },
  'information.requested': {
    en: 'A side requests information from the other.',
    zh: '一方要求对方提供资料',
  },
  'information.supplied': {
    en: 'The requested information is supplied.',
    zh: '提供所要求的资料',
  },
  'caucus.held': {
    en: 'A side holds a separate caucus (背靠背); its notes stay with that side.',
    zh: '一方背靠背分别商议，记录仅本方可见',
  },
  'session.opened': {
    en: 'A joint session (面对面) is opened with the attendance recorded.',
    zh: '召开面对面协商会议',
  },
  'offer.tabled': {
    en: 'A chief tables an offer or counteroffer of piece rates at the session.',
    zh: '首席代表在会上提出工价报价或还价',
  },
  'minutes.recorded': {
    en: 'The recorder records the minutes of the session.',
    zh: '记录员记录会议内容',
  },
  'minutes.amended': {
    en: 'The recorder amends the minutes of a session as a new version, stating why; earlier versions are kept (v2).',
    zh: '记录员修订会议记录（新版本，保留原版本并说明理由）',
  },
  'session.closed': {
    en: 'The joint session is closed.',
    zh: '结束协商会议',
  },
  'minutes.signed': {
    en: 'A chief signs the minutes of a session.',
    zh: '首席代表签署会议记录',
  },
  'suspension.proposed': {
    en: 'A chief proposes to suspend the negotiation until a stated date.',
    zh: '一方提议中止协商',
  },
  'suspension.consented': {
    en: 'The other chief consents to the suspension.',
    zh: '对方首席代表同意中止',
  },
  'suspension.declined': {
    en: 'The other chief declines the suspension.',
    zh: '对方首席代表不同意中止',
  },
  'negotiation.resumed': {
    en: 'The suspended negotiation resumes.',
    zh: '恢复协商',
  },
  'coordination.requested': {
    en: 'A side applies in writing for coordination by the labour administration.',
    zh: '一方书面申请劳动保障行政部门协调',
  },
  'coordination.accepted': {
    en: 'The labour administration accepts the application.',
    zh: '劳动保障行政部门受理协调申请',
  },
  'coordination.extended': {
    en: 'The labour administration extends the coordination period.',
    zh: '延长协调期限',
  },
  'coordination.concluded': {
    en: 'The labour administration concludes the coordination, stating what was resolved.',
    zh: '协调处理结束，载明已解决与未解决事项',
  },
  'draft.agreed': {
    en: 'The sides agree a draft agreement with its rate table.',
    zh: '双方形成协议草案及工价表',
  },
  'draft.signed': {
    en: 'A chief representative signs the draft.',
    zh: '首席代表在草案上签字',
  },
  'ratification.submitted': {
    en: 'The signed draft is submitted to the workers’ congress.',
    zh: '草案提交职工代表大会审议',
  },
  'ballot.closed': {
    en: 'The congress vote is closed and counted.',
    zh: '职工代表大会表决结束并计票',
  },
  'agreement.prepared': {
    en: 'The employer side prepares the final text of the agreement.',
    zh: '资方整理协议正式文本',
  },
  'agreement.signed': {
    en: 'A chief representative signs the agreement.',
    zh: '首席代表签订协议',
  },
  'round.abandoned': {
    en: 'The union chair abandons the round with a reason.',
    zh: '工会方终止本轮协商并说明理由',
  },
};
