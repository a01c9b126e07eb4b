import { ApiProperty } from '@nestjs/swagger';
import { IsString, IsUrl, Length } from 'class-validator';

export class PutWebhookDto {
  @ApiProperty({ example: 'https://soc.example/isac-hook' })
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false }, { message: 'url must be an http(s) URL' })
  url: string;

  @ApiProperty({ description: 'shared secret of the HMAC-SHA256 signature (16-200 characters)' })
  @IsString()
  @Length(16, 200)
  secret: string;
}
