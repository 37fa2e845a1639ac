import type { RoundView } from '../round/round-types.js';

// Placeholder until its screen lands (issue 11); the round page shows it as a tab.
export default function OffersTab({ round }: { round: RoundView }) {
  return <div data-testid="OffersTab">{round.title}</div>;
}
