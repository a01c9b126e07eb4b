import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsDefined, IsIn, IsISO8601, IsObject, IsOptional, IsString, Length, ValidateNested } from 'class-validator';
import { SEVERITIES, type Severity } from '../advisory.types.js';

/** A match string: a CPE 2.3 name (wildcards allowed) and NVD-style version bounds; parsed by the service, pointer per field. */
export class ProductTargetDto {
  @ApiProperty({ example: 'cpe:2.3:a:ivanti:connect_secure:*:*:*:*:*:*:*:*' })
  @IsString()
  @Length(1, 1000)
  cpe: string;

  @ApiPropertyOptional({ example: '22.7R1' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  versionStartIncluding?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 100)
  versionStartExcluding?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 100)
  versionEndIncluding?: string;

  @ApiPropertyOptional({ example: '22.7R2.5' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  versionEndExcluding?: string;
}

export class AudienceDto {
  @ApiPropertyOptional({ description: 'every organisation of the network' })
  @IsOptional()
  @IsBoolean()
  all?: boolean;

  @ApiPropertyOptional({ example: ['energy'], description: 'every organisation of these sectors: the unit and its members' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(6)
  @IsString({ each: true })
  sectors?: string[];

  @ApiPropertyOptional({ example: ['health'], description: 'organisations by slug' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(2000)
  @IsString({ each: true })
  organisations?: string[];

  @ApiPropertyOptional({
    type: [ProductTargetDto],
    description: 'organisations whose registers run a matching product, and their sector units (the centre: network-wide; a sector unit: its sector)',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => ProductTargetDto)
  products?: ProductTargetDto[];

  @ApiPropertyOptional({
    example: ['fabrikam', 'external:Example Cloud Ltd'],
    description: 'organisations whose registers depend on one of these providers, and their sector units',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @Length(1, 300, { each: true })
  dependsOn?: string[];
}

export class PublishAdvisoryDto {
  @ApiProperty({ example: 'Phishing wave against grid operators' })
  @IsString()
  @Length(1, 300)
  title: string;

  @ApiProperty({ description: 'Markdown' })
  @IsString()
  @Length(1, 200_000)
  body: string;

  @ApiProperty({ enum: SEVERITIES })
  @IsIn(SEVERITIES)
  severity: Severity;

  /** required, but checked by the TLP rules (TLP.MISSING / TLP.INVALID) rather than here */
  @ApiProperty({ example: 'TLP:AMBER', description: 'TLP:CLEAR, TLP:GREEN, TLP:AMBER, TLP:AMBER+STRICT or TLP:RED' })
  @IsOptional()
  @IsString()
  tlp?: string;

  @ApiProperty({ type: AudienceDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => AudienceDto)
  audience: AudienceDto;

  @ApiPropertyOptional({ description: 'STIX 2.1 objects, validated as a bundle' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(1000)
  @IsObject({ each: true })
  stix?: object[];
}

export class PublishAlertDto extends PublishAdvisoryDto {
  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean()
  requiresAck?: boolean;

  @ApiPropertyOptional({ example: '2026-11-25T12:00:00Z', description: 'when requiresAck: defaults to 4 hours after publication (as the console proposes)' })
  @IsOptional()
  @IsISO8601({ strict: true })
  ackDeadline?: string;

  @ApiPropertyOptional({
    example: '2026-12-01T00:00:00Z',
    description: 'defaults to 7 days after publication (as the console proposes), or 7 days after an ackDeadline later than that',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  expiresAt?: string;
}
