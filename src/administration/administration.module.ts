import { Global, Module } from '@nestjs/common';
import { AdministrationLog } from './administration-log.service.js';
import { AdministrationController } from './administration.controller.js';

// Global: every module that changes an account, a grant, a person, a profile, a calendar day or a
// catalog records it in the same log, inside its own transaction.
@Global()
@Module({
  controllers: [AdministrationController],
  providers: [AdministrationLog],
  exports: [AdministrationLog],
})
export class AdministrationModule {}
