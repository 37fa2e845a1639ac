import { Global, Module } from '@nestjs/common';
import { AdministrationLog } from './administration-log.service.js';
import { AdministrationController } from './administration.controller.js';
import { GrantReadsService } from './grant-reads.service.js';
import { GrantsController } from './grants.controller.js';
import { GrantsService } from './grants.service.js';
import { NoticesController } from './notices.controller.js';
import { Notices } from './notices.service.js';

// Global: every module that changes an account, a grant, a person, a profile, a calendar day or a
// catalog records it in the same log, inside its own transaction; and tells the account holder
// through the same notices.
@Global()
@Module({
  controllers: [AdministrationController, GrantsController, NoticesController],
  providers: [AdministrationLog, Notices, GrantsService, GrantReadsService],
  exports: [AdministrationLog, Notices, GrantsService],
})
export class AdministrationModule {}
