import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { ceilingOf } from '../../common/limits.js';

export class NoticesQuery {
  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'only the notices not yet read' })
  @IsOptional()
  @IsIn(['true', 'false'])
  unread?: 'true' | 'false';

  @ApiPropertyOptional({
    type: 'integer',
    default: 0,
    minimum: 0,
    maximum: 1_000_000,
    description: 'how many notices to skip: send page.next of the previous page',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  offset = 0;

  @ApiPropertyOptional({
    type: 'integer',
    default: 100,
    minimum: 1,
    maximum: ceilingOf('historyPage'),
    description: 'page size; the deployment bound is LIMIT_HISTORY_PAGE',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(ceilingOf('historyPage')) // the bound itself is LIMIT_HISTORY_PAGE, checked by the service
  limit = 100;
}
