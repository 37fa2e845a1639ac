import { Module } from '@nestjs/common';
import { PartiesController } from './parties.controller.js';
import { PartiesStore } from './parties.store.js';

@Module({ controllers: [PartiesController], providers: [PartiesStore] })
export class PartiesModule {}
