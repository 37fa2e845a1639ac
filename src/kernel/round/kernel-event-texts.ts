import type { Bilingual } from './bilingual.js';
import type { RoundEventType } from './round.events.js';

// What each of the kernel's events means, in the kernel's words, Chinese and English. Every event
// type, so the compiler refuses a new kernel event without its text. An industry words over the ones
// it says differently (kernelEventDefinitions' second argument); GET /api/industries/:code/procedure
// serves the result, so the console draws timelines and forms in either language.
export const KERNEL_EVENT_TEXTS: Readonly<Record<RoundEventType, Bilingual>> = {
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
