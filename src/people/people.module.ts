import { Module } from '@nestjs/common';
import { PeopleController } from './people.controller.js';
import { PeopleService } from './people.service.js';
import { PersonChangesService } from './person-changes.service.js';

// The people registry (ADR 0025): rounds and histories name people by id; names are read here.
@Module({
  controllers: [PeopleController],
  providers: [PeopleService, PersonChangesService],
  exports: [PeopleService],
})
export class PeopleModule {}
