import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsEmail,
  IsIn,
  IsInt,
  IsISO8601,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { IsOptionalNonNull } from '@isac/problems';

export class BreakPolicyDto {
  @ApiProperty({ example: 90 }) @IsInt() @Min(15) @Max(600) everyMinutes: number;
  @ApiProperty({ example: 15 }) @IsInt() @Min(1) @Max(120) breakMinutes: number;
}

const SERIES = /^[a-z0-9][a-z0-9-]{0,99}$/;

/**
 * The fields a meeting may lack (place, link, organizer): an empty or blank text means "none", as
 * null does — an emptied form field clears it instead of storing "" or being refused as no URL.
 */
const BlankAsNone = () => Transform(({ value }) => (typeof value === 'string' && value.trim() === '' ? null : value));

export class CreateMeetingDto {
  @ApiProperty({ example: 'Network meeting Q1' }) @IsString() @IsNotEmpty() @MaxLength(300) title: string;
  @ApiProperty({ example: '2027-02-03T09:00:00.000Z' }) @IsISO8601({ strict: true }) startsAt: string;
  @ApiProperty({ example: '2027-02-03T12:00:00.000Z' }) @IsISO8601({ strict: true }) endsAt: string;
  @ApiPropertyOptional() @BlankAsNone() @IsOptional() @IsString() @MaxLength(500) location?: string;
  @ApiPropertyOptional()
  @BlankAsNone()
  @IsOptional()
  @IsUrl({ protocols: ['https', 'http'], require_protocol: true, require_tld: false })
  @MaxLength(2000)
  onlineUrl?: string;
  @ApiProperty({ example: ['centre', 'energy', 'health'], description: 'organisations by slug' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @IsString({ each: true })
  participants: string[];
  @ApiPropertyOptional({ example: 'TLP:AMBER', description: 'TLP:AMBER unless given' }) @IsOptional() @IsString() tlp?: string;
  @ApiProperty({ example: 'sector-network' })
  @Matches(SERIES, {
    message: ({ value }) =>
      value === undefined || value === null || value === '' ? 'series is required' : 'series must be lower-case letters, digits and dashes',
  })
  series: string;
  @ApiPropertyOptional({ description: 'ORGANIZER of the invitation' }) @BlankAsNone() @IsOptional() @IsEmail() @MaxLength(320) organizerEmail?: string;
  @ApiPropertyOptional({ type: BreakPolicyDto, description: '15 min every 90 unless given' })
  @IsOptional()
  @ValidateNested()
  @Type(() => BreakPolicyDto)
  breaks?: BreakPolicyDto;
}

export class UpdateMeetingDto {
  @ApiPropertyOptional() @IsOptionalNonNull() @IsString() @IsNotEmpty() @MaxLength(300) title?: string;
  @ApiPropertyOptional() @IsOptionalNonNull() @IsISO8601({ strict: true }) startsAt?: string;
  @ApiPropertyOptional() @IsOptionalNonNull() @IsISO8601({ strict: true }) endsAt?: string;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'null or "" clears it' })
  @BlankAsNone()
  @IsOptional()
  @IsString()
  @MaxLength(500)
  location?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'null or "" clears it' })
  @BlankAsNone()
  @IsOptional()
  @IsUrl({ protocols: ['https', 'http'], require_protocol: true, require_tld: false })
  @MaxLength(2000)
  onlineUrl?: string | null;
  @ApiPropertyOptional() @IsOptionalNonNull() @IsArray() @ArrayMinSize(1) @ArrayMaxSize(200) @IsString({ each: true }) participants?: string[];
  @ApiPropertyOptional() @IsOptionalNonNull() @IsString() tlp?: string;
  @ApiPropertyOptional() @IsOptionalNonNull() @Matches(SERIES, { message: 'series must be lower-case letters, digits and dashes' }) series?: string;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'null or "" clears it' })
  @BlankAsNone()
  @IsOptional()
  @IsEmail()
  @MaxLength(320)
  organizerEmail?: string | null;
  @ApiPropertyOptional({ type: BreakPolicyDto }) @IsOptionalNonNull() @IsObject() @ValidateNested() @Type(() => BreakPolicyDto) breaks?: BreakPolicyDto;
  @ApiPropertyOptional({ enum: ['held'], description: 'a published meeting is marked held once it took place' })
  @IsOptionalNonNull()
  @IsIn(['held'])
  state?: 'held';
}

export class ListMeetingsQueryDto {
  @ApiPropertyOptional({ example: 'sector-network', pattern: SERIES.source }) @IsOptional() @Matches(SERIES) series?: string;
  @ApiPropertyOptional({ enum: ['draft', 'published', 'held'] }) @IsOptional() @IsIn(['draft', 'published', 'held']) state?: string;
}

export class CreateProposalDto {
  @ApiProperty({ example: 'Lessons from the winter storm exercise' }) @IsString() @IsNotEmpty() @MaxLength(300) title: string;
  @ApiPropertyOptional({ example: 15 }) @IsOptional() @IsInt() @Min(1) @Max(240) minutes?: number;
  @ApiPropertyOptional({ description: "the meeting's TLP unless given" }) @IsOptional() @IsString() tlp?: string;
}
