import { ApiProperty } from '@nestjs/swagger';
import { IsInt, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';
import type { IndustryDefinition } from '../../../src/kernel/round/procedure.js';
import { WHO_MAY_SEND } from '../../../src/kernel/round/round.permissions.js';
import { teaTastingMachine, teaViolations } from './tea-tasting.machine.js';

export class SampleTastedPayload {
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(40) batch: string;
  @ApiProperty() @IsInt() @Min(1) @Max(10) score: number;
}
export class TastingAgreedPayload {}

const chief = { capacities: ['chief'] as const, side: 'own' as const };

export const TEA_TASTING: IndustryDefinition = {
  code: 'tea-tasting',
  name: { zh: '品茶（测试）', en: 'Tea tasting (test only)' },
  versions: [
    {
      id: 'tea-tasting',
      version: 1,
      machine: teaTastingMachine,
      states: {
        opened: { zh: '已发起', en: 'Opened' },
        tasting: { zh: '品鉴中', en: 'Tasting' },
        agreed: { zh: '已议定', en: 'Agreed' },
        abandoned: { zh: '已放弃', en: 'Abandoned' },
      },
      events: {
        'parties.registered': {
          sender: WHO_MAY_SEND['parties.registered'],
          text: { zh: '登记双方', en: 'Parties registered' },
        },
        'sample.tasted': { sender: chief, text: { zh: '品鉴一批样品', en: 'A sample was tasted' } },
        'tasting.agreed': {
          sender: { capacities: ['chief'], side: 'worker' },
          text: { zh: '议定', en: 'Agreed' },
        },
        'round.abandoned': {
          sender: WHO_MAY_SEND['round.abandoned'],
          text: { zh: '放弃', en: 'Abandoned' },
        },
      },
      violations: teaViolations,
    },
  ],
  currentVersion: 1,
  ownEventPayloads: {
    'sample.tasted': SampleTastedPayload,
    'tasting.agreed': TastingAgreedPayload,
  },
};
