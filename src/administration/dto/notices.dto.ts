import { LimitParam, OffsetParam } from '../../common/paging.js';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';

export class NoticesQuery {
  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'only the notices not yet read' })
  @IsOptional()
  @IsIn(['true', 'false'])
  unread?: 'true' | 'false';

  @OffsetParam()
  offset = 0;

  @LimitParam('historyPage', 100)
  limit = 100;
}
