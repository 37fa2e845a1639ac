import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ApiInt } from '../../common/api-contract.js';

class DatabaseHealth {
  @ApiProperty({ enum: ['up', 'down'] }) status: string;
  @ApiProperty({ enum: ['embedded', 'external'] }) kind: string;
  @ApiPropertyOptional({ type: 'number', description: 'one query’s round trip' })
  latencyMs?: number;
  @ApiInt({ required: false, minimum: 0 }) migrationsApplied?: number;
  @ApiPropertyOptional({ enum: ['database unreachable'] }) error?: string;
}
export class Health {
  @ApiProperty({ enum: ['ok', 'degraded'] }) status: string;
  @ApiProperty() database: DatabaseHealth;
}
