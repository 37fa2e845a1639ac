import { DomainError } from '../common/domain-error.js';
import { FALLBACK_POLICY_FAMILY, type PolicyProfile } from '../kernel/policy/policy-profile.js';
import type { Transactional } from '../common/transactional.js';
import { currentProfileForRegion, pinCandidate } from '../policy/policy.store.js';

// The profile version a new round pins (ADR 0029): the one the opener names, or else the current
// version of the family that governs the round's region. The region's own jurisdiction row wins over
// its parents'; with none up the chain, the national rules for wage agreements apply.
export async function profileToPin(
  qr: Transactional,
  requestedId: string | undefined,
  regionCode: string,
): Promise<{ id: string; body: PolicyProfile }> {
  if (requestedId) {
    const row = await pinCandidate(qr, requestedId);
    if (!row)
      throw new DomainError(
        'POLICY_PROFILE_UNKNOWN',
        `no policy profile version ${requestedId}; list them at GET /policy-profiles, or leave policyProfileId out to pin the region's current one`,
        { field: 'policyProfileId', policyProfileId: requestedId },
      );
    if (row.retiredAt)
      throw new DomainError(
        'POLICY_PROFILE_RETIRED',
        `policy profile version ${requestedId} is retired and new rounds may not pin it; name a current version (GET /policy-profiles) or leave policyProfileId out`,
        { field: 'policyProfileId', policyProfileId: requestedId },
      );
    return { id: row.id, body: pinnable(row.body) };
  }
  const row = await currentProfileForRegion(qr, regionCode, FALLBACK_POLICY_FAMILY);
  if (!row.id)
    throw new DomainError(
      'POLICY_PROFILE_RETIRED',
      `every version of the ${row.family} policy profile, which governs region ${regionCode}, is retired; add a version or name one in policyProfileId`,
      { field: 'policyProfileId', family: row.family },
    );
  return { id: row.id, body: pinnable(row.body!) };
}

// The round pins the values; the citations stay with the immutable version (GET /policy-profiles/{id})
// so the snapshot written with every event stays small.
function pinnable(body: PolicyProfile): PolicyProfile {
  const { sources: _sources, ...values } = body;
  return values;
}
