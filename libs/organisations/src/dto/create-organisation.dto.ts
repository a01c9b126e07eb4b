import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length, Matches } from 'class-validator';

export class CreateOrganisationDto {
  @ApiProperty({ example: 'harbour-energy', description: 'lower-case letters, digits and dashes' })
  @Matches(/^[a-z][a-z0-9-]{1,62}$/, { message: 'slug must be 2-63 lower-case letters, digits or dashes, starting with a letter' })
  slug: string;

  @ApiProperty({ example: 'Harbour Energy' })
  @IsString()
  @Length(2, 200)
  name: string;

  @ApiPropertyOptional({ example: 'energy', description: "the sector unit to add the member to; defaults to the caller's own organisation" })
  @IsOptional()
  @IsString()
  parent?: string;
}
