import { ApiProperty } from '@nestjs/swagger';
import { ApiDate, listOf } from '../../common/api-contract.js';

export class CalendarDay {
  @ApiDate() day: string;
  @ApiProperty({ enum: ['holiday', 'workday'] }) kind: string;
  @ApiProperty() name: string;
}
export class CalendarDayList extends listOf(CalendarDay) {}

export class CalendarDayChange {
  @ApiDate() day: string;
  @ApiProperty({
    enum: ['holiday', 'workday'],
    nullable: true,
    description: 'null: an ordinary day again',
  })
  kind: string | null;
  @ApiProperty({ type: 'string', nullable: true }) name: string | null;
}
