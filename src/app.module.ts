import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { AccountsModule } from './accounts/accounts.module.js';
import { AdministrationModule } from './administration/administration.module.js';
import { AuthModule } from './auth/auth.module.js';
import { CalendarModule } from './calendar/calendar.module.js';
import { Clock, SystemClock } from './common/clock.js';
import { ErrorFilter } from './common/error.filter.js';
import { APP_LOGGER, type AppLogger } from './common/logger.js';
import type { AppConfig } from './config/app-config.js';
import { ConfigModule } from './config/config.module.js';
import { DatabaseModule, type DatabaseTarget } from './database/database.module.js';
import { HealthModule } from './health/health.module.js';
import { INDUSTRY_DEFINITIONS } from './industries/index.js';
import type { IndustryDefinition } from './kernel/round/procedure.js';
import { ProcedureRegistry } from './negotiation/procedure-registry.js';
import { NegotiationModule } from './negotiation/negotiation.module.js';
import { PartiesModule } from './parties/parties.module.js';
import { PeopleModule } from './people/people.module.js';
import { PieceRatesModule } from './piece-rates/piece-rates.module.js';
import { PolicyModule } from './policy/policy.module.js';
import { ProceduresModule } from './procedures/procedures.module.js';

@Module({})
class CoreModule {
  static forRoot(
    logger: AppLogger,
    clock: Clock,
    industries: readonly IndustryDefinition[],
  ): DynamicModule {
    return {
      module: CoreModule,
      global: true,
      providers: [
        { provide: APP_LOGGER, useValue: logger },
        { provide: Clock, useValue: clock },
        // Built once: a definition that does not hold together stops the server here (ADR 0028).
        { provide: ProcedureRegistry, useValue: new ProcedureRegistry(industries) },
      ],
      exports: [APP_LOGGER, Clock, ProcedureRegistry],
    };
  }
}

export interface AppOptions {
  config: AppConfig;
  database: DatabaseTarget;
  logger: AppLogger;
  clock?: Clock;
  // The industries this app serves; src/industries/index.ts unless a test adds its own.
  industries?: readonly IndustryDefinition[];
  // The built console (dist/web) to serve at /; none in tests that do not need it.
  consoleDir?: string;
}

@Module({})
export class AppModule {
  static forRoot(options: AppOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(options.config),
        CoreModule.forRoot(
          options.logger,
          options.clock ?? new SystemClock(),
          options.industries ?? INDUSTRY_DEFINITIONS,
        ),
        DatabaseModule.forRoot(options.database),
        AdministrationModule,
        AuthModule,
        AccountsModule,
        NegotiationModule,
        PartiesModule,
        PeopleModule,
        CalendarModule,
        PieceRatesModule,
        PolicyModule,
        ProceduresModule,
        HealthModule,
      ],
      providers: [{ provide: APP_FILTER, useClass: ErrorFilter }],
    };
  }
}
