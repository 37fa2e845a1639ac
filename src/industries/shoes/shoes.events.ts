import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsInt, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { ApiDate, ApiInt, helpZh } from '../../common/api-contract.js';
import { IsCalendarDate } from '../../common/validation.js';
import type { IsoDate, Side } from '../../kernel/round/round.types.js';

// The shoes procedure's own events (Hengfeng practice, domain.md §6): the union's increase band and
// the public hearing (听证会) before the joint sessions. Payload classes are validated at the door and
// published in the API description, from which the console draws its forms.

const PERCENT = /^\d{1,3}(\.\d{1,2})?$/;
const percentMessage = 'a percentage such as "15" or "17.5" (a decimal string, at most 2 places)';

// 涨幅区间: the union's proposed increase over last year's rates.
export class IncreaseBandStatedPayload {
  @ApiProperty({
    title: '涨幅下限 (lowest increase, %)',
    example: '15',
    ...helpZh('比上年工价上涨的最低百分比（可有小数）'),
    description: 'lowest proposed increase over last year’s rate, in percent (a decimal string)',
  })
  @IsString()
  @Matches(PERCENT, { message: `lowPercent must be ${percentMessage}` })
  lowPercent: string;

  @ApiProperty({
    title: '涨幅上限 (highest increase, %)',
    example: '20',
    ...helpZh('比上年工价上涨的最高百分比（可有小数）'),
    description: 'highest proposed increase over last year’s rate, in percent (a decimal string)',
  })
  @IsString()
  @Matches(PERCENT, { message: `highPercent must be ${percentMessage}` })
  highPercent: string;

  @ApiDate({ title: '提出日期 (stated on)', example: '2026-07-20' })
  @IsCalendarDate()
  statedOn: IsoDate;

  @ApiProperty({
    title: '依据 (basis)',
    example: '企业工价调查与物价上涨 (the enterprise rate survey and prices)',
    ...helpZh('涨幅区间的依据'),
    description: 'what the band rests on',
    maxLength: 1000,
  })
  @IsString()
  @MinLength(1)
  @MaxLength(1000)
  basis: string;
}

// 听证会: date and place of the public hearing.
export class HearingScheduledPayload {
  @ApiDate({ title: '听证日期 (held on)', example: '2026-08-01' })
  @IsCalendarDate()
  heldOn: IsoDate;

  @ApiProperty({
    title: '地点 (place)',
    example: '横峰街道办事处大会议室 (Hengfeng sub-district office, main hall)',
    maxLength: 500,
  })
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  place: string;
}

// How many representatives of each side attended; the policy sets the fewest per side.
export class HearingAttendanceRecordedPayload {
  @ApiInt({
    title: '职工代表出席人数 (worker representatives present)',
    minimum: 0,
    maximum: 100_000,
    example: 56,
  })
  @IsInt()
  @Min(0)
  @Max(100_000)
  workerRepresentatives: number;

  @ApiInt({
    title: '企业代表出席人数 (employer representatives present)',
    minimum: 0,
    maximum: 100_000,
    example: 53,
  })
  @IsInt()
  @Min(0)
  @Max(100_000)
  employerRepresentatives: number;
}

// One opinion voiced at the hearing, with the side of the speaker (the speaker is not named: the
// minutes record what each side said, not who).
export class HearingOpinionRecordedPayload {
  @ApiProperty({
    title: '发言方 (speaker’s side)',
    enum: ['worker', 'employer'],
    ...helpZh('发言人代表的一方'),
    description: 'the side the speaker spoke for',
  })
  @IsIn(['worker', 'employer'], { message: 'speakerSide must be worker or employer' })
  speakerSide: Side;

  @ApiProperty({ title: '意见 (opinion)', maxLength: 5000 })
  @IsString()
  @MinLength(1)
  @MaxLength(5000)
  opinion: string;
}

export class HearingMinutesRecordedPayload {
  @ApiProperty({ title: '听证会纪要 (hearing minutes)', maxLength: 20000 })
  @IsString()
  @MinLength(1)
  @MaxLength(20000)
  minutes: string;
}

export class HearingMinutesSignedPayload {}

export const SHOES_EVENT_PAYLOADS = {
  'increaseBand.stated': IncreaseBandStatedPayload,
  'hearing.scheduled': HearingScheduledPayload,
  'hearing.attendanceRecorded': HearingAttendanceRecordedPayload,
  'hearing.opinionRecorded': HearingOpinionRecordedPayload,
  'hearing.minutesRecorded': HearingMinutesRecordedPayload,
  'hearing.minutesSigned': HearingMinutesSignedPayload,
} as const;

export type ShoesEventType = keyof typeof SHOES_EVENT_PAYLOADS;
export const isShoesEventType = (type: string): type is ShoesEventType =>
  Object.hasOwn(SHOES_EVENT_PAYLOADS, type);

// The payloads as the machine receives them (plain data).
export interface ShoesPayloads {
  'increaseBand.stated': {
    lowPercent: string;
    highPercent: string;
    statedOn: IsoDate;
    basis: string;
  };
  'hearing.scheduled': { heldOn: IsoDate; place: string };
  'hearing.attendanceRecorded': { workerRepresentatives: number; employerRepresentatives: number };
  'hearing.opinionRecorded': { speakerSide: Side; opinion: string };
  'hearing.minutesRecorded': { minutes: string };
  'hearing.minutesSigned': Record<string, never>;
}
