import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Health } from './dto/health.response.js';
import type { FastifyReply } from 'fastify';
import { DataSource } from 'typeorm';
import { Public } from '../auth/auth.decorators.js';
import { APP_LOGGER, type AppLogger } from '../common/logger.js';
import { DATABASE_KIND } from '../database/database.module.js';
import { appliedMigrationCount } from '../database/schema-migration.store.js';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(DATABASE_KIND) private readonly databaseKind: 'embedded' | 'external',
    @Inject(APP_LOGGER) private readonly logger: AppLogger,
  ) {}

  @Public()
  @Get()
  @ApiOperation({ summary: 'Liveness and database reachability' })
  @ApiOkResponse({ type: Health })
  @ApiResponse({ status: 503, type: Health, description: 'the database is unreachable' })
  async health(@Res({ passthrough: true }) res: FastifyReply): Promise<Health> {
    const started = process.hrtime.bigint();
    try {
      const migrations = await appliedMigrationCount(this.dataSource);
      const latencyMs = Number(process.hrtime.bigint() - started) / 1e6;
      return {
        status: 'ok',
        database: {
          status: 'up',
          kind: this.databaseKind,
          latencyMs: Math.round(latencyMs * 100) / 100,
          migrationsApplied: migrations,
        },
      };
    } catch (e) {
      // The driver's text names hosts, users and schema; it goes to the log, not to the public.
      this.logger.error({ err: e }, 'health check: database unreachable');
      res.status(503);
      return {
        status: 'degraded',
        database: { status: 'down', kind: this.databaseKind, error: 'database unreachable' },
      };
    }
  }
}
