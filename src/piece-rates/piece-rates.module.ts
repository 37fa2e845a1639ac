import { Module } from '@nestjs/common';
import { NegotiationModule } from '../negotiation/negotiation.module.js';
import { CatalogController } from './catalog.controller.js';
import { CatalogService } from './catalog.service.js';
import { EnterpriseSurveyController } from './enterprise-survey.controller.js';
import { EnterpriseSurveyService } from './enterprise-survey.service.js';
import { OffersController } from './offers.controller.js';
import { OffersService } from './offers.service.js';
import { SpreadsheetReader } from './spreadsheet-reader.js';
import { SurveyController } from './survey.controller.js';
import { SurveyService } from './survey.service.js';

@Module({
  imports: [NegotiationModule],
  controllers: [CatalogController, SurveyController, EnterpriseSurveyController, OffersController],
  providers: [
    CatalogService,
    SurveyService,
    EnterpriseSurveyService,
    OffersService,
    SpreadsheetReader,
  ],
  // One bounded pool of spreadsheet workers for every upload (the onboarding list too).
  exports: [SpreadsheetReader],
})
export class PieceRatesModule {}
