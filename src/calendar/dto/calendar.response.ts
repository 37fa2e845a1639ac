import { ApiProperty } from '@nestjs/swagger';
import { ApiDate, ApiInstant, ApiInt, ApiUuid, listOf } from '../../common/api-contract.js';

export class CalendarDay {
  @ApiDate() day: string;
  @ApiProperty({ enum: ['holiday', 'workday'] }) kind: string;
  @ApiProperty() name: string;
}
export class CalendarDayList extends listOf(CalendarDay) {}

export class RecomputedRound {
  @ApiUuid() negotiationId: string;
  @ApiInt({ minimum: 2, description: 'its deadlines.recomputed event in the history' })
  seq: number;
  @ApiInt({ minimum: 1, description: 'how many open deadlines moved or changed their flag' })
  moved: number;
}

export class CalendarDayChange {
  @ApiDate() day: string;
  @ApiProperty({
    enum: ['holiday', 'workday'],
    nullable: true,
    description: 'null: an ordinary day again',
  })
  kind: string | null;
  @ApiProperty({ type: 'string', nullable: true }) name: string | null;
  @ApiProperty({
    type: [RecomputedRound],
    description: 'open rounds whose open deadlines the change moved (ADR 0029)',
  })
  recomputed: RecomputedRound[];
}

export class CalendarYear {
  @ApiInt({ minimum: 2000, maximum: 2100 }) year: number;
  @ApiProperty({ description: 'the State Council notice the arrangement comes from' })
  source: string;
  @ApiUuid({ nullable: true, description: 'null: loaded by a migration' })
  publishedBy: string | null;
  @ApiInstant() publishedAt: string;
}
export class CalendarYearList extends listOf(CalendarYear) {}

export class CalendarYearPublished extends CalendarYear {
  @ApiProperty({ type: [RecomputedRound] }) recomputed: RecomputedRound[];
}
