import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, Length } from 'class-validator';
import { ASSET_KINDS, CRITICALITIES, type AssetKind, type Criticality } from '../register.types.js';

/** One entry of the caller's organisation's register; products are checked as CPE 2.3 names by the service (pointer per item). */
export class RegisterEntryDto {
  @ApiProperty({ example: 'Remote access for grid control' })
  @IsString()
  @Length(1, 200)
  name: string;

  @ApiProperty({ enum: ASSET_KINDS })
  @IsIn(ASSET_KINDS)
  kind: AssetKind;

  @ApiProperty({ enum: CRITICALITIES })
  @IsIn(CRITICALITIES)
  criticality: Criticality;

  @ApiPropertyOptional({
    example: ['cpe:2.3:a:ivanti:connect_secure:22.7r2.3:*:*:*:*:*:*:*'],
    description: 'CPE 2.3 formatted strings naming part, vendor, product and version',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @IsString({ each: true })
  @Length(1, 1000, { each: true })
  products?: string[];

  @ApiPropertyOptional({
    example: ['fabrikam', 'external:Example Cloud Ltd'],
    description: 'providers: organisations of the network by slug, or `external:<supplier name>`',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @IsString({ each: true })
  @Length(1, 300, { each: true })
  dependsOn?: string[];

  @ApiPropertyOptional({ example: 'TLP:AMBER+STRICT', default: 'TLP:AMBER+STRICT', description: 'the entry is addressed to the centre and the sector unit' })
  @IsOptional()
  @IsString()
  tlp?: string;
}

export class RegisterQueryDto {
  @ApiPropertyOptional({ example: 'litware', description: 'entries of this organisation (slug)' })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  organisation?: string;

  @ApiPropertyOptional({ example: 'energy', description: 'entries of the organisations of this sector' })
  @IsOptional()
  @IsString()
  @Length(1, 32)
  sector?: string;
}

const listOf = ({ value }: { value: unknown }) =>
  (Array.isArray(value) ? value : [value])
    .flatMap((v) => (typeof v === 'string' ? v.split(',') : [v]))
    .map((v) => (typeof v === 'string' ? v.trim() : v))
    .filter((v) => v !== '');

/** Impact reach: a product (a CPE 2.3 match string, NVD-style bounds) and/or providers; the service checks the CPE. */
export class ReachQueryDto {
  @ApiPropertyOptional({
    example: 'cpe:2.3:a:ivanti:connect_secure:*:*:*:*:*:*:*:*',
    description: 'a CPE 2.3 match string (wildcards allowed; bounds with version *)',
  })
  @IsOptional()
  @IsString()
  @Length(1, 1000)
  product?: string;

  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 100) versionStartIncluding?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 100) versionStartExcluding?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 100) versionEndIncluding?: string;
  @ApiPropertyOptional({ example: '22.7R2.5' }) @IsOptional() @IsString() @Length(1, 100) versionEndExcluding?: string;

  @ApiPropertyOptional({ type: [String], example: ['fabrikam'], description: 'providers (slug or external:<supplier name>), comma-separated or repeated' })
  @IsOptional()
  @Transform(listOf)
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @Length(1, 300, { each: true })
  dependsOn?: string[];
}
