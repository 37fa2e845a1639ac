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
    const base = dataSourceOptions(target.url, poolSize);
    // The socket server hands every connection the same PGlite session, so a connection the pool
    // opens again (after its idle timeout) inherits the named prepared statements of the one it
    // replaced, and the login throttle's library, which names its statements per connection, then
    // fails with 42P05 on every login. A new connection starts from a clean session instead.
    const onConnect = (client: { query(sql: string): Promise<unknown> }) =>
      client.query('DEALLOCATE ALL');
    const options =
      target.kind === 'embedded' ? { ...base, extra: { ...base.extra, onConnect } } : base;
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRoot({
          ...options,
          retryAttempts: 0,
          migrationsRun: true,
        }),
      ],
      providers: [{ provide: DATABASE_KIND, useValue: target.kind }],
      exports: [DATABASE_KIND],
    };
  }
}
