import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { createSecretKey } from 'node:crypto';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { OneTimeCodeStore } from '../accounts/one-time-code.store.js';
import { AuthController } from './auth.controller.js';
import { RedeemCodeUseCase } from './redeem-code.use-case.js';
import { AuthGuard } from './auth.guard.js';
import { AuthService } from './auth.service.js';
import { LoginThrottle } from './login-throttle.service.js';
import { SessionService } from './session.service.js';

@Module({
  imports: [
    JwtModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        // A KeyObject, not a string: given a string, jsonwebtoken first tries (and fails) to parse it
        // as a public key on every verify, about 0.5 ms per request (measured by npm run bench).
        secret: createSecretKey(Buffer.from(config.authTokenSecret, 'utf8')),
        signOptions: {
          algorithm: 'HS256',
          expiresIn: config.authTokenTtlSeconds,
          issuer: config.authTokenIssuer,
          audience: config.authTokenAudience,
        },
        // A token of another issuer or audience (another deployment sharing the secret) fails.
        verifyOptions: {
          algorithms: ['HS256'],
          issuer: config.authTokenIssuer,
          audience: config.authTokenAudience,
        },
      }),
    }),
  ],
  controllers: [AuthController],
  providers: [
    AuthService,
    RedeemCodeUseCase,
    OneTimeCodeStore,
    LoginThrottle,
    SessionService,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [SessionService],
})
export class AuthModule {}
