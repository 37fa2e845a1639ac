import { Module } from '@nestjs/common';
import { PartiesController } from './parties.controller.js';

@Module({ controllers: [PartiesController] })
export class PartiesModule {}
