import { Module } from '@nestjs/common';
import { ProceduresController } from './procedures.controller.js';

@Module({ controllers: [ProceduresController] })
export class ProceduresModule {}
