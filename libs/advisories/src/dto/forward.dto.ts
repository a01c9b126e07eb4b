import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsString } from 'class-validator';

export class ForwardAdvisoryDto {
  @ApiProperty({ example: ['lamna-hospital'], description: 'organisations by slug' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @IsString({ each: true })
  organisations: string[];
}
