import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ApiInt } from '../../common/api-contract.js';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import type { Capacity } from '../../kernel/round/round.events.js';
import { ROUND_EVENT_TYPES } from '../../kernel/round/round.events.js';
import type { SideRule } from '../../kernel/round/round.permissions.js';

const CAPACITIES = ['chief', 'member', 'recorder', 'labourOfficer'] as const;
const SIDE_RULES = [
  'own',
  'worker',
  'employer',
  'notOffering',
  'notProposer',
  'notRecorderProposer',
  'none',
] as const;
// Compile-time proof that the enums above name every capacity and side rule.
type Unlisted =
  Exclude<Capacity, (typeof CAPACITIES)[number]> | Exclude<SideRule, (typeof SIDE_RULES)[number]>;
export const EVERY_SENDER_LISTED: [Unlisted] extends [never] ? true : never = true;

export class ProcedureQuery {
  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    maximum: 100_000,
    description: 'a released machine version; defaults to the current one',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100_000)
  version?: number;
}

export class BilingualTextDto {
  @ApiProperty() zh: string;
  @ApiProperty() en: string;
}

export class AcceptedEventDto {
  @ApiProperty({ enum: ROUND_EVENT_TYPES, enumName: 'RoundEventType' }) event: string;
  @ApiProperty({
    type: [String],
    description: 'states the event may lead to; the state itself when it may be recorded in place',
  })
  targets: string[];
}

export class ProcedureStateDto {
  @ApiProperty({ example: 'negotiating.inSession', description: 'the path of the state, dotted' })
  id: string;
  @ApiProperty({ type: 'string', nullable: true, example: 'negotiating' }) parent: string | null;
  @ApiProperty({
    type: 'string',
    nullable: true,
    description: 'the child entered first, for a state with children',
  })
  initial: string | null;
  @ApiProperty({ type: BilingualTextDto }) description: BilingualTextDto;
  @ApiProperty({
    type: [String],
    example: ['atTable', 'open'],
    description: 'tags that hold in this state, its parents’ included',
  })
  tags: string[];
  @ApiProperty({ description: 'the round ends here' }) final: boolean;
  @ApiProperty({
    type: [AcceptedEventDto],
    description: 'events accepted while in this state, including those its parents accept',
  })
  accepts: AcceptedEventDto[];
}

export class EventSendersDto {
  @ApiProperty({ enum: CAPACITIES, isArray: true }) capacities: Capacity[];
  @ApiProperty({
    enum: SIDE_RULES,
    description:
      'whose side: own (the sender’s), worker, employer, notOffering (the side that received the offer), notProposer (the side that did not propose the suspension), none (a neutral sender)',
  })
  side: SideRule;
}

export class ProcedureEventDto {
  @ApiProperty({ enum: ROUND_EVENT_TYPES, enumName: 'RoundEventType' }) type: string;
  @ApiProperty({ type: BilingualTextDto }) description: BilingualTextDto;
  @ApiProperty({ type: EventSendersDto }) senders: EventSendersDto;
  @ApiProperty({
    example: 'DelegateAppointedPayload',
    description:
      'name of the schema under components.schemas: the payload for POST /api/negotiations/{id}/events, or the whole body where path names another route',
  })
  payloadSchema: string;
  @ApiProperty({ example: '/api/negotiations/{id}/events', description: 'where it is POSTed' })
  path: string;
}

export class ProcedureDto {
  @ApiProperty({ example: 'wool-knitwear' }) industryCode: string;
  @ApiProperty({ example: 'wool-knitwear' }) machineId: string;
  @ApiInt({ minimum: 1, example: 1 }) version: number;
  @ApiProperty({ description: 'whether new rounds of the industry get this version' })
  current: boolean;
  @ApiProperty({
    type: 'array',
    items: { type: 'integer', minimum: 1 },
    description: 'released versions, oldest first',
  })
  versions: number[];
  @ApiProperty({ example: 'opened' }) initial: string;
  @ApiProperty({ type: [ProcedureStateDto] }) states: ProcedureStateDto[];
  @ApiProperty({ type: [ProcedureEventDto] }) events: ProcedureEventDto[];
}
