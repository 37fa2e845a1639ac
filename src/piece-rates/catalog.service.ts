import { Inject, Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AdministrationLog } from '../administration/administration-log.service.js';
import type { Caller } from '../auth/caller.js';
import { DomainError } from '../common/domain-error.js';
import { inIdempotentTransaction, type StoredResponse } from '../common/idempotency.js';
import { refuseOverLimit } from '../common/limits.js';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { catalogViolations } from '../kernel/rates/catalog.rules.js';
import { validateInto } from '../common/validation.js';
import { writeCatalogCsv, writeCatalogXlsx } from './catalog-spreadsheet.js';
import { SpreadsheetReader } from './spreadsheet-reader.js';
import { CreateCatalogDto } from './dto/catalog.dto.js';
import { readUploadBody, type SheetFormat } from './spreadsheet-upload.js';
import { anyPartyInIndustry, industryExists } from '../parties/parties.store.js';
import * as catalogs from './catalog.store.js';

// Process catalogs (工序目录): versioned per industry, immutable once stored.
@Injectable()
export class CatalogService {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly reader: SpreadsheetReader,
    private readonly log: AdministrationLog,
  ) {}

  // Administrators keep every industry's catalog; a union chair keeps their own industry's.
  private async mayEdit(caller: Caller, industryCode: string): Promise<boolean> {
    if (caller.grants.some((g) => g.role === 'administrator')) return true;
    const parties = caller.grants
      .filter((g) => g.role === 'unionChair' && g.partyId)
      .map((g) => g.partyId);
    if (parties.length === 0) return false;
    return anyPartyInIndustry(this.dataSource, parties as string[], industryCode);
  }

  private async admitEditor(caller: Caller, industryCode: string): Promise<void> {
    if (!(await this.mayEdit(caller, industryCode)))
      throw new DomainError(
        'ROLE_FORBIDDEN',
        `only an administrator or a union chair of ${industryCode} may keep its process catalog`,
      );
  }

  async create(
    caller: Caller,
    dto: CreateCatalogDto,
    idempotency: { key: string; requestHash: string },
    // How the catalog arrived, for the administration log: a JSON request or an imported file.
    source: { format: 'json' } | { format: SheetFormat; sha256: string } = { format: 'json' },
  ): Promise<StoredResponse & { replayed: boolean }> {
    await this.admitEditor(caller, dto.industryCode);
    const { limits } = this.config;
    refuseOverLimit(limits, 'catalogGroups', dto.productTypes.length, 'productTypes');
    refuseOverLimit(limits, 'catalogGroups', dto.sections.length, 'sections');
    refuseOverLimit(limits, 'catalogProcesses', dto.processes.length, 'processes');
    refuseOverLimit(limits, 'catalogMappings', dto.mappings.length, 'mappings');
    return inIdempotentTransaction(this.dataSource, caller.accountId, idempotency, async (qr) => {
      if (!(await industryExists(qr, dto.industryCode)))
        throw new DomainError(
          'NOT_FOUND',
          `no industry ${dto.industryCode}; list them at GET /industries`,
        );
      const latest = await catalogs.latestVersion(qr, dto.industryCode);
      // A new version replaces the latest one; basing it on an older one would fork the history.
      if ((dto.basedOnVersion ?? null) !== latest)
        throw new DomainError(
          'CATALOG_VERSION_CONFLICT',
          latest === null
            ? 'this is the first catalog of the industry: omit basedOnVersion'
            : `the latest version is ${latest}: set basedOnVersion to ${latest}`,
          { latestVersion: latest },
        );
      const previous: Set<string> | null =
        latest === null
          ? null
          : new Set(await catalogs.processCodesOf(qr, dto.industryCode, latest));
      const violations = catalogViolations(dto, previous);
      if (violations.length > 0)
        throw new DomainError(
          'RULE_VIOLATED',
          `the catalog breaks ${violations.length} rule(s): ${violations.map((v) => v.message).join('; ')}`,
          { violations },
        );

      const version = (latest ?? 0) + 1;
      const ps = dto.processes;
      let id: string;
      try {
        id = await catalogs.insertCatalog(qr, {
          industryCode: dto.industryCode,
          version,
          basedOnVersion: latest,
          note: dto.note,
          createdBy: caller.accountId,
          groups: [
            ...dto.productTypes.map((g, i) => ({ kind: 'productType' as const, g, i })),
            ...dto.sections.map((g, i) => ({ kind: 'section' as const, g, i })),
          ].map(({ kind, g, i }) => ({
            kind,
            code: g.code,
            nameZh: g.nameZh,
            nameEn: g.nameEn ?? null,
            position: i,
          })),
          processes: ps.map((p) => ({ ...p, nameEn: p.nameEn ?? null })),
          mappings: dto.mappings.flatMap((m): catalogs.NewCatalog['mappings'] =>
            m.toCodes.length
              ? m.toCodes.map((toCode) => ({ fromCode: m.fromCode, toCode, kind: m.kind }))
              : [{ fromCode: m.fromCode, toCode: null, kind: m.kind }],
          ),
        });
      } catch (e) {
        if ((e as { code?: string }).code === '23505')
          throw new DomainError(
            'CATALOG_VERSION_CONFLICT',
            `version ${version} was just created by someone else; reload and rebase on it`,
            { version },
          );
        throw e;
      }
      await this.log.append(qr, {
        actorAccountId: caller.accountId,
        action: 'catalog.created',
        subject: { type: 'catalog', id },
        details: {
          industryCode: dto.industryCode,
          version,
          basedOnVersion: latest,
          processes: ps.length,
          source,
        },
      });
      return {
        response: {
          status: 201,
          body: {
            id,
            industryCode: dto.industryCode,
            version,
            basedOnVersion: latest,
            processes: ps.length,
          },
        },
        responseStored: false,
      };
    });
  }

  list(industryCode: string | undefined) {
    return catalogs.listCatalogs(this.dataSource, industryCode);
  }

  async get(industryCode: string, version: number) {
    const c = await catalogs.findCatalog(this.dataSource, industryCode, version);
    if (!c)
      throw new DomainError(
        'NOT_FOUND',
        `no catalog version ${version} for ${industryCode}; list them at GET /catalogs?industry=${industryCode}`,
      );
    const { groups, processes, mappings } = await catalogs.catalogContents(this.dataSource, c.id);
    const strip = ({ kind: _k, ...g }: (typeof groups)[number]) => g;
    return {
      ...c,
      productTypes: groups.filter((g) => g.kind === 'productType').map(strip),
      sections: groups.filter((g) => g.kind === 'section').map(strip),
      processes,
      mappings,
    };
  }

  // A spreadsheet becomes the same request as POST /catalogs; any bad row refuses the whole file.
  // The caller is admitted (403, 404) before any byte of the file is read (ADR 0016).
  async importFile(
    caller: Caller,
    target: { industryCode: string; basedOnVersion: number | null; note: string },
    upload: Parameters<typeof readUploadBody>[0],
    format: SheetFormat,
    idempotencyFor: (file: Buffer) => { key: string; requestHash: string },
  ): Promise<StoredResponse & { replayed: boolean }> {
    await this.admitEditor(caller, target.industryCode);
    if (!(await industryExists(this.dataSource, target.industryCode)))
      throw new DomainError(
        'NOT_FOUND',
        `no industry ${target.industryCode}; list them at GET /industries`,
      );
    // Reading and parsing happen under the upload bound, the parse itself in a worker thread.
    const { file, draft, problems } = await this.reader.upload(async () => {
      const file = await readUploadBody(upload, {
        limitBytes: this.config.spreadsheet.uploadLimitBytes,
        timeoutMs: this.config.spreadsheet.readTimeoutMs,
      });
      return { file, ...(await this.reader.read('catalog', format, file)) };
    });
    const idempotency = idempotencyFor(file);
    if (problems.length > 0)
      throw new DomainError(
        'CATALOG_FILE_INVALID',
        `the file has ${problems.length} problem(s); nothing was stored: ${problems
          .slice(0, 5)
          .map((p) => `${p.sheet} row ${p.row}${p.column ? ` ${p.column}` : ''}: ${p.reason}`)
          .join('; ')}`,
        { problems },
      );
    const dto = validateInto(
      CreateCatalogDto,
      {
        industryCode: target.industryCode,
        note: target.note,
        ...(target.basedOnVersion ? { basedOnVersion: target.basedOnVersion } : {}),
        ...draft,
      },
      'file',
    );
    return this.create(caller, dto, idempotency, {
      format,
      sha256: createHash('sha256').update(file).digest('hex'),
    });
  }

  async exportFile(industryCode: string, version: number, format: 'xlsx' | 'csv'): Promise<Buffer> {
    const c = await this.get(industryCode, version);
    const catalog = {
      productTypes: c.productTypes,
      sections: c.sections,
      processes: c.processes,
      mappings: c.mappings,
    };
    return format === 'xlsx' ? writeCatalogXlsx(catalog) : writeCatalogCsv(catalog);
  }
}
