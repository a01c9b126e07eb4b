import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { TLP_LABELS } from '@isac/tlp';
import { SEVERITIES } from '../advisory.types.js';

const CURSOR = /^[A-Za-z0-9_-]{10,4096}$/;

/** A page of a keyset-paginated list: the cursor of the previous page and a size. */
export class PageQueryDto {
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
}

export class ListAdvisoriesQueryDto extends PageQueryDto {
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
  @IsIn(TLP_LABELS)
  tlp?: string;

  @ApiPropertyOptional({ description: 'slug of the author' })
  @IsOptional()
  @IsString()
  author?: string;
}

export class InboxQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'only entries not read yet' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  unread?: boolean;

  @ApiPropertyOptional({ description: 'only entries still waiting for the organisation: not read yet, or an acknowledgement the advisory asks for not given yet' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  pending?: boolean;
}
