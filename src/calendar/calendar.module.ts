import { Module } from '@nestjs/common';
import { NegotiationModule } from '../negotiation/negotiation.module.js';
import { CalendarController, CalendarYearsController } from './calendar.controller.js';
import { CalendarService } from './calendar.service.js';

@Module({
  imports: [NegotiationModule],
  controllers: [CalendarController, CalendarYearsController],
  providers: [CalendarService],
})
export class CalendarModule {}
