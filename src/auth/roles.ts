// The roles of domain.md §4. Party roles are scoped to one union or association; the others to an
// industry and/or region (null = every industry / region).
export const ROLES = [
  'unionChair',
  'workerRepresentative',
  'associationChief',
  'employerRepresentative',
  'recorder',
  'labourOfficer',
  'auditor',
  'administrator',
] as const;

export type Role = (typeof ROLES)[number];

export const PARTY_ROLES: readonly Role[] = [
  'unionChair',
  'workerRepresentative',
  'associationChief',
  'employerRepresentative',
];
