import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { RoundView } from './round-types.js';

type Deadline = RoundView['deadlines'][number];
type PolicyDeadlines = RoundView['policy']['deadlines'];

// The day count each kernel deadline kind runs on, from the round's own policy profile.
const DAYS_OF: Record<string, keyof PolicyDeadlines> = {
  'delegate.vacancy': 'vacancyRefillDays',
  'offer.reply': 'offerReplyDays',
  'information.supply': 'informationLeadDays',
  'coordination.conclude': 'coordinationDays',
  'ratification.resubmit': 'resubmissionDays',
  'filing.submit': 'filingDays',
};

// A deadline in the person's language: its kind's name, and the rule as a sentence of the console's
// catalog with the days the round's profile sets. The server words its rules in English (they are
// part of the record); a kind the console does not know (an industry's own) shows that text as is.
export function DeadlineRule({
  deadline,
  policy,
}: {
  deadline: Deadline;
  policy: PolicyDeadlines;
}) {
  const { t, i18n } = useTranslation();
  const { kind } = deadline;
  const name = `round.deadlineKind.${kind}`;
  const sentence = `round.deadlineRule.${kind}`;
  const field = DAYS_OF[kind];
  const rule = i18n.exists(sentence)
    ? t(sentence, { days: field ? policy[field] : undefined, startsOn: deadline.startsOn })
    : deadline.rule;
  return (
    <span data-kind={kind} title={deadline.legalSource ?? undefined}>
      {i18n.exists(name) ? t(name) : kind}
      <br />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {rule}
      </Typography.Text>
    </span>
  );
}
