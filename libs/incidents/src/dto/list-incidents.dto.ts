import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsISO8601, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { SECTORS } from '@isac/organisations';

export class ListIncidentsDto {
  @ApiPropertyOptional({ enum: SECTORS, description: 'cases affecting this sector' })
  @IsOptional()
  @IsIn(SECTORS)
  sector?: string;

  @ApiPropertyOptional({ enum: ['opened', 'early-warning', 'notification', 'intermediate', 'progress', 'final'] })
  @IsOptional()
  @IsIn(['opened', 'early-warning', 'notification', 'intermediate', 'progress', 'final'])
  stage?: string;

  @ApiPropertyOptional({ description: 'true: cases with a deadline passed and not met' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  overdue?: boolean;

  @ApiPropertyOptional({ description: 'cases opened at or after this time (RFC 3339)' })
  @IsOptional()
  @IsISO8601({ strict: true })
  since?: string;

  @ApiPropertyOptional({ enum: ['open', 'closed', 'all'], default: 'open', description: 'closed cases leave the list unless asked for' })
  @IsOptional()
  @IsIn(['open', 'closed', 'all'])
  state?: 'open' | 'closed' | 'all';

  @ApiPropertyOptional({ description: 'true: the cases exercises created (issue 19) instead of real ones; real cases are listed by default' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  exercise?: boolean;

  @ApiPropertyOptional({ description: 'the `next` of the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(4096)
  cursor?: string;

  @ApiPropertyOptional({ default: 50, maximum: 200 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;
}
