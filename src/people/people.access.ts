import { holdsRole, type Caller } from '../auth/caller.js';

// Who may read which part of a person's record (ADR 0025). Pure, so the rules are tested alone.
//   full   every field: administrators, and the person themself
//   roster name and position only: the chief of the person's organisation (union chair of that union,
//          association chief of that association), who appoints its delegates
//   null   nothing: everyone else, to whom the person reads as missing
// Phone and e-mail reach nobody but administrators and the person.
export type PersonReach = 'full' | 'roster' | null;

const CHIEF_ROLES = new Set(['unionChair', 'associationChief']);

export const isAdministrator = (caller: Caller): boolean => holdsRole(caller, 'administrator');

// The organisations whose people the caller reads as a chief.
export const chiefOrganisations = (caller: Caller): string[] => [
  ...new Set(
    caller.grants.flatMap((g) => (CHIEF_ROLES.has(g.role) && g.partyId ? [g.partyId] : [])),
  ),
];

export function reachOf(
  caller: Caller,
  person: { id: string; organisationPartyId: string | null },
): PersonReach {
  if (isAdministrator(caller) || (caller.personId !== null && caller.personId === person.id))
    return 'full';
  if (
    person.organisationPartyId !== null &&
    chiefOrganisations(caller).includes(person.organisationPartyId)
  )
    return 'roster';
  return null;
}
