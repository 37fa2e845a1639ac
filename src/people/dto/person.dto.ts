import { LimitParam, OffsetParam } from '../../common/paging.js';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsEmail,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
  ValidateIf,
} from 'class-validator';
import type { PersonReach } from '../people.access.js';

const PHONE = /^\+?[0-9][0-9 ()-]{2,38}$/;
const phoneMessage = 'phone must be 3-40 digits, spaces, dashes or brackets, optionally after a +';

export class CreatePersonDto {
  @ApiProperty({ example: '王丽' }) @IsString() @MinLength(1) @MaxLength(120) fullName: string;

  @ApiPropertyOptional({ example: '0576-8600-0001' })
  @IsOptional()
  @Matches(PHONE, { message: phoneMessage })
  phone?: string;

  @ApiPropertyOptional({ example: 'wang.li@example.org' })
  @IsOptional()
  @IsEmail()
  @MaxLength(254)
  email?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'the union or association (a party id)' })
  @IsOptional()
  @IsUUID()
  organisationPartyId?: string;

  @ApiPropertyOptional({ example: '挡车工 (knitting machine operator)' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(120)
  position?: string;
}

// A correction names only the fields it changes; null clears an optional field. The name cannot be
// cleared: that is erasure (POST /api/people/{id}/erasure).
export class CorrectPersonDto {
  // Not null: a name is corrected, never cleared (that is erasure).
  @ApiPropertyOptional({ type: 'string', minLength: 1, maxLength: 120 })
  @ValidateIf((_o, v) => v !== undefined)
  @IsString()
  @MinLength(1)
  @MaxLength(120)
  fullName?: string;

  @ApiPropertyOptional({ type: 'string', nullable: true, example: '0576-8600-0001' })
  @ValidateIf((_o, v) => v !== undefined && v !== null)
  @Matches(PHONE, { message: phoneMessage })
  phone?: string | null;

  @ApiPropertyOptional({ type: 'string', nullable: true, maxLength: 254 })
  @ValidateIf((_o, v) => v !== undefined && v !== null)
  @IsEmail()
  @MaxLength(254)
  email?: string | null;

  @ApiPropertyOptional({ type: 'string', format: 'uuid', nullable: true })
  @ValidateIf((_o, v) => v !== undefined && v !== null)
  @IsUUID()
  organisationPartyId?: string | null;

  @ApiPropertyOptional({ type: 'string', nullable: true, minLength: 1, maxLength: 120 })
  @ValidateIf((_o, v) => v !== undefined && v !== null)
  @IsString()
  @MinLength(1)
  @MaxLength(120)
  position?: string | null;
}

export class ListPeopleQuery {
  @ApiPropertyOptional({ format: 'uuid', description: 'people of this union or association' })
  @IsOptional()
  @IsUUID()
  partyId?: string;

  @ApiPropertyOptional({ description: 'part of the name, any case' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(120)
  name?: string;

  // `type: 'integer'` where a default gives the type: the description must not depend on the
  // compiler (ADR 0024).
  @OffsetParam()
  offset = 0;

  @LimitParam('pageSize', 20)
  limit = 20;
}

export interface PersonRow {
  id: string;
  fullName: string | null;
  phone: string | null;
  email: string | null;
  organisationPartyId: string | null;
  position: string | null;
  erasedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

// What a reader sees of a person: every field, or the roster (name and position) a chief reads.
// Explicit, so a new column never leaks by default.
export function personView(p: PersonRow, reach: Exclude<PersonReach, null>) {
  const roster = {
    id: p.id,
    fullName: p.fullName,
    organisationPartyId: p.organisationPartyId,
    position: p.position,
    erased: p.erasedAt !== null,
  };
  if (reach === 'roster') return roster;
  return {
    ...roster,
    phone: p.phone,
    email: p.email,
    erasedAt: p.erasedAt?.toISOString() ?? null,
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
  };
}
