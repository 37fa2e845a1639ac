import { Global, Module, type DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { dataSourceOptions } from './data-source-options.js';

export const DATABASE_KIND = Symbol('DATABASE_KIND');

export interface DatabaseTarget {
  url: string;
  kind: 'embedded' | 'external';
}

@Global()
@Module({})
export class DatabaseModule {
  static forRoot(target: DatabaseTarget): DynamicModule {
    // PGlite is a single session: one connection, so transactions never interleave (ADR 0001).
    const poolSize = target.kind === 'embedded' ? 1 : 10;
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRoot({
          ...dataSourceOptions(target.url, poolSize),
          retryAttempts: 0,
          migrationsRun: true,
        }),
      ],
      providers: [{ provide: DATABASE_KIND, useValue: target.kind }],
      exports: [DATABASE_KIND],
    };
  }
}
