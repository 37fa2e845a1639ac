import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { PieceRatesModule } from '../piece-rates/piece-rates.module.js';
import { OnboardDelegationUseCase } from './onboard-delegation.use-case.js';
import { AccountsController } from './accounts.controller.js';
import { AccountsService } from './accounts.service.js';
import { AccountsStore } from './accounts.store.js';
import { OneTimeCodeStore } from './one-time-code.store.js';

// Administration of accounts (issue 9, ADR 0026); redeeming codes and refreshing tokens are in auth/.
@Module({
  imports: [AuthModule, PieceRatesModule],
  controllers: [AccountsController],
  providers: [AccountsService, AccountsStore, OneTimeCodeStore, OnboardDelegationUseCase],
})
export class AccountsModule {}
