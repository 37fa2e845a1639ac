import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { ceilingOf } from '../../common/limits.js';

export class NoticesQuery {
  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'only the notices not yet read' })
  @IsOptional()
  @IsIn(['true', 'false'])
  unread?: 'true' | 'false';

  @ApiPropertyOptional({ default: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(ceilingOf('historyPage')) // the bound itself is LIMIT_HISTORY_PAGE, checked by the service
  limit = 100;
}
