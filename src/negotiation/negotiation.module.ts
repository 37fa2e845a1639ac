import { Module } from '@nestjs/common';
import { PeopleModule } from '../people/people.module.js';
import { CaucusService } from './caucus.service.js';
import { NegotiationController } from './negotiation.controller.js';
import { NegotiationService } from './negotiation.service.js';
import { OpenNegotiationUseCase } from './open-negotiation.use-case.js';
import { RecomputeDeadlinesUseCase } from './recompute-deadlines.use-case.js';
import { SendEventUseCase } from './send-event.use-case.js';

@Module({
  imports: [PeopleModule],
  controllers: [NegotiationController],
  providers: [
    NegotiationService,
    OpenNegotiationUseCase,
    SendEventUseCase,
    CaucusService,
    RecomputeDeadlinesUseCase,
  ],
  exports: [
    OpenNegotiationUseCase,
    SendEventUseCase,
    NegotiationService,
    RecomputeDeadlinesUseCase,
  ],
})
export class NegotiationModule {}
