import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsISO8601, IsOptional } from 'class-validator';
import { PageQueryDto } from '@isac/cursors';
import { SECTORS } from '@isac/organisations';

export class ListIncidentsDto extends PageQueryDto({ cursorParam: 'cursor', defaultLimit: 50, maxLimit: 200 }) {
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
}
