import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { SEVERITIES } from '../advisory.types.js';

const CURSOR = /^[A-Za-z0-9_-]{10,200}$/;

export class ListAdvisoriesQueryDto {
  @ApiPropertyOptional({ description: 'the `next` of the previous page' })
  @IsOptional()
  @Matches(CURSOR, { message: 'cursor must be the `next` of a previous page' })
  cursor?: string;

  @ApiPropertyOptional({ default: 50, maximum: 200 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;

  @ApiPropertyOptional({ enum: ['advisory', 'alert'] })
  @IsOptional()
  @IsIn(['advisory', 'alert'])
  kind?: 'advisory' | 'alert';

  @ApiPropertyOptional({ enum: SEVERITIES })
  @IsOptional()
  @IsIn(SEVERITIES)
  severity?: string;

  @ApiPropertyOptional({ example: 'TLP:AMBER' })
  @IsOptional()
  @IsIn(['TLP:CLEAR', 'TLP:GREEN', 'TLP:AMBER', 'TLP:AMBER+STRICT', 'TLP:RED'])
  tlp?: string;

  @ApiPropertyOptional({ description: 'slug of the author' })
  @IsOptional()
  @IsString()
  author?: string;
}

export class InboxQueryDto {
  @ApiPropertyOptional()
  @IsOptional()
  @Matches(CURSOR, { message: 'cursor must be the `next` of a previous page' })
  cursor?: string;

  @ApiPropertyOptional({ default: 50, maximum: 200 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;

  @ApiPropertyOptional({ description: 'only entries not read yet' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  unread?: boolean;
}
