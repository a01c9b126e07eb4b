import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { MAX_OFFSET_MINUTES } from '../scenario.js';

export class StartExerciseDto {
  @ApiPropertyOptional({ example: 60, minimum: 1, maximum: 3600, default: 1, description: 'the clock speed: exercise minutes per wall-clock minute' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(3600)
  speed?: number;
}

export class FastForwardDto {
  @ApiProperty({ example: 30, minimum: 1, description: 'minutes of exercise time to jump ahead: the injects within the jump play at once' })
  @IsInt()
  @Min(1)
  @Max(MAX_OFFSET_MINUTES)
  minutes: number;
}
