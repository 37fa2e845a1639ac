import { describe, expect, it } from '@jest/globals';
import { hearingOf, minAttendance } from './hearing.js';

describe('the shoes hearing read from a round', () => {
  it('is null before the hearing is scheduled', () => {
    expect(hearingOf({ industryRecord: {} })).toBeNull();
    expect(hearingOf({ industryRecord: { hearing: null } })).toBeNull();
  });

  it('reads date, place, attendance, opinions, minutes and signatures', () => {
    const hearing = {
      heldOn: '2026-07-10',
      place: '横峰街道工会',
      attendance: { worker: 56, employer: 52 },
      opinions: [{ side: 'employer', opinion: '原材料涨价', recordedAt: '2026-07-10T02:00:00Z' }],
      minutes: '听证纪要',
      minutesSignedBy: ['worker'],
    };
    expect(hearingOf({ industryRecord: { hearing } })).toEqual(hearing);
  });

  it('fills what a just-scheduled hearing lacks', () => {
    expect(
      hearingOf({ industryRecord: { hearing: { heldOn: '2026-07-10', place: '会堂' } } }),
    ).toEqual({
      heldOn: '2026-07-10',
      place: '会堂',
      attendance: null,
      opinions: [],
      minutes: null,
      minutesSignedBy: [],
    });
  });

  it('takes the minimum attendance from the policy, 51 when it sets none', () => {
    expect(minAttendance({ policy: { hearing: { minAttendancePerSide: 20 } } } as never)).toBe(20);
    expect(minAttendance({ policy: {} } as never)).toBe(51);
  });
});
