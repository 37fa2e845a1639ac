import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { AccountsController } from './accounts.controller.js';
import { AccountsService } from './accounts.service.js';
import { AccountsStore } from './accounts.store.js';
import { OneTimeCodeStore } from './one-time-code.store.js';

// Administration of accounts (issue 9, ADR 0027); redeeming codes and refreshing tokens are in auth/.
@Module({
  imports: [AuthModule],
  controllers: [AccountsController],
  providers: [AccountsService, AccountsStore, OneTimeCodeStore],
})
export class AccountsModule {}
