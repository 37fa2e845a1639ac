import { describe, expect, it } from '@jest/globals';
import { ESLint } from 'eslint';

// ADR 0028: the linter, not hope, keeps the kernel and every machine pure. These probes are what a
// careless edit would write; each must be refused by the project's own configuration.
const eslint = new ESLint();
const refusals = async (filePath: string, code: string) =>
  (await eslint.lintText(code, { filePath }))[0].messages
    .filter((m) => m.ruleId === 'no-restricted-imports' || m.ruleId === 'no-restricted-syntax')
    .map((m) => m.ruleId);

describe('the pure kernel and the machines, as the linter sees them', () => {
  it.each([
    ['a database import', `import { DataSource } from 'typeorm';\nexport const x = DataSource;\n`],
    ['Nest', `import { Injectable } from '@nestjs/common';\nexport const x = Injectable;\n`],
    [
      'the engine',
      `import { SendEventUseCase } from '../../negotiation/send-event.use-case.js';\nexport const x = SendEventUseCase;\n`,
    ],
    [
      'a shell',
      `import { CatalogService } from '../../piece-rates/catalog.service.js';\nexport const x = CatalogService;\n`,
    ],
    [
      'an industry',
      `import { WOOL_KNITWEAR } from '../../industries/index.js';\nexport const x = WOOL_KNITWEAR;\n`,
    ],
    ['the clock', `export const x = Date.now();\n`],
    ['file I/O', `import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n`],
  ])('refuses %s in a kernel file', async (_what, code) => {
    expect(await refusals('src/kernel/round/probe.ts', code)).not.toEqual([]);
  });

  it('refuses the engine and the clock in an industry machine too', async () => {
    const path = 'src/industries/wool-knitwear/probe.machine.ts';
    expect(
      await refusals(
        path,
        `import { DataSource } from 'typeorm';\nexport const x = [DataSource, new Date()];\n`,
      ),
    ).toHaveLength(2);
  });

  it('lets a kernel file import the kernel, xstate and the pure common helpers', async () => {
    const code = `import { setup } from 'xstate';\nimport { DomainError } from '../../common/domain-error.js';\nimport { tableDigest } from '../rates/rate-table.js';\nexport const x = [setup, DomainError, tableDigest, new Date('2026-01-01')];\n`;
    expect(await refusals('src/kernel/round/probe.ts', code)).toEqual([]);
  });
});
