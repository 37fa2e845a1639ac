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
    const [row] = await this.dataSource.query(
      `SELECT 1 FROM party WHERE id = ANY($1::uuid[]) AND industry_code = $2`,
      [parties, industryCode],
    );
    return !!row;
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
      const [industry] = await qr.query(`SELECT code FROM industry WHERE code = $1`, [
        dto.industryCode,
      ]);
      if (!industry)
        throw new DomainError(
          'NOT_FOUND',
          `no industry ${dto.industryCode}; list them at GET /industries`,
        );
      const [{ latest }] = await qr.query(
        `SELECT max(version)::int AS latest FROM process_catalog WHERE industry_code = $1`,
        [dto.industryCode],
      );
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
          : new Set(
              (
                await qr.query(
                  `SELECT p.code FROM catalog_process p JOIN process_catalog c ON c.id = p.catalog_id WHERE c.industry_code = $1 AND c.version = $2`,
                  [dto.industryCode, latest],
                )
              ).map((r: { code: string }) => r.code),
            );
      const violations = catalogViolations(dto, previous);
      if (violations.length > 0)
        throw new DomainError(
          'RULE_VIOLATED',
          `the catalog breaks ${violations.length} rule(s): ${violations.map((v) => v.message).join('; ')}`,
          { violations },
        );

      const version = (latest ?? 0) + 1;
      let id: string;
      try {
        [{ id }] = await qr.query(
          `INSERT INTO process_catalog (industry_code, version, based_on_version, note, created_by) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
          [dto.industryCode, version, latest, dto.note, caller.accountId],
        );
      } catch (e) {
        if ((e as { code?: string }).code === '23505')
          throw new DomainError(
            'CATALOG_VERSION_CONFLICT',
            `version ${version} was just created by someone else; reload and rebase on it`,
            { version },
          );
        throw e;
      }
      const groups = [
        ...dto.productTypes.map((g, i) => ['productType', g, i] as const),
        ...dto.sections.map((g, i) => ['section', g, i] as const),
      ];
      if (groups.length)
        await qr.query(
          `INSERT INTO catalog_group (catalog_id, kind, code, name_zh, name_en, position) SELECT $1, * FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::int[])`,
          [
            id,
            groups.map((g) => g[0]),
            groups.map((g) => g[1].code),
            groups.map((g) => g[1].nameZh),
            groups.map((g) => g[1].nameEn ?? null),
            groups.map((g) => g[2]),
          ],
        );
      const ps = dto.processes;
      await qr.query(
        `INSERT INTO catalog_process (catalog_id, code, section_code, name_zh, name_en, unit, position) SELECT $1, * FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::int[])`,
        [
          id,
          ps.map((p) => p.code),
          ps.map((p) => p.sectionCode),
          ps.map((p) => p.nameZh),
          ps.map((p) => p.nameEn ?? null),
          ps.map((p) => p.unit),
          ps.map((_, i) => i),
        ],
      );
      const rows = dto.mappings.flatMap((m) =>
        m.toCodes.length
          ? m.toCodes.map((to) => [m.fromCode, to, m.kind])
          : [[m.fromCode, null, m.kind]],
      );
      if (rows.length)
        await qr.query(
          `INSERT INTO catalog_code_mapping (catalog_id, from_code, to_code, kind) SELECT $1, * FROM unnest($2::text[], $3::text[], $4::text[])`,
          [id, rows.map((r) => r[0]), rows.map((r) => r[1]), rows.map((r) => r[2])],
        );
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
    return this.dataSource.query(
      `SELECT c.id, c.industry_code AS "industryCode", c.version, c.based_on_version AS "basedOnVersion", c.note, c.created_at AS "createdAt",
              (SELECT count(*)::int FROM catalog_process p WHERE p.catalog_id = c.id) AS processes
         FROM process_catalog c WHERE ($1::text IS NULL OR c.industry_code = $1) ORDER BY c.industry_code, c.version`,
      [industryCode ?? null],
    );
  }

  async get(industryCode: string, version: number) {
    const [c] = await this.dataSource.query(
      `SELECT id, industry_code AS "industryCode", version, based_on_version AS "basedOnVersion", note, created_at AS "createdAt" FROM process_catalog WHERE industry_code = $1 AND version = $2`,
      [industryCode, version],
    );
    if (!c)
      throw new DomainError(
        'NOT_FOUND',
        `no catalog version ${version} for ${industryCode}; list them at GET /catalogs?industry=${industryCode}`,
      );
    const groups = await this.dataSource.query(
      `SELECT kind, code, name_zh AS "nameZh", name_en AS "nameEn" FROM catalog_group WHERE catalog_id = $1 ORDER BY kind, position`,
      [c.id],
    );
    const processes = await this.dataSource.query(
      `SELECT code, section_code AS "sectionCode", name_zh AS "nameZh", name_en AS "nameEn", unit FROM catalog_process WHERE catalog_id = $1 ORDER BY position`,
      [c.id],
    );
    const mappings = await this.dataSource.query(
      `SELECT from_code AS "fromCode", to_code AS "toCode", kind FROM catalog_code_mapping WHERE catalog_id = $1 ORDER BY id`,
      [c.id],
    );
    const strip = ({ kind: _k, ...g }: { kind: string }) => g;
    return {
      ...c,
      productTypes: groups.filter((g: { kind: string }) => g.kind === 'productType').map(strip),
      sections: groups.filter((g: { kind: string }) => g.kind === 'section').map(strip),
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
    const [industry] = await this.dataSource.query(`SELECT 1 FROM industry WHERE code = $1`, [
      target.industryCode,
    ]);
    if (!industry)
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
