import { Global, Module, type DynamicModule } from '@nestjs/common';
import type { AppConfig } from './app-config.js';
import { DEPLOYMENT_KEYS, resolveDeploymentKeys } from './deployment-keys.js';

export const APP_CONFIG = Symbol('APP_CONFIG');

// The configuration is loaded and validated once, before Nest starts, and provided as a value.
@Global()
@Module({})
export class ConfigModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: ConfigModule,
      providers: [
        { provide: APP_CONFIG, useValue: config },
        // Read (or generated, outside production) once at start; never stored in the database.
        { provide: DEPLOYMENT_KEYS, useFactory: () => resolveDeploymentKeys(config) },
      ],
      exports: [APP_CONFIG, DEPLOYMENT_KEYS],
    };
  }
}
