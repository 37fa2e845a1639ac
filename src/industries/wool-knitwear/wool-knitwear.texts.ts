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
