// STIX bundles and validation reports as the OpenAPI document describes them.
import { applyDecorators } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export const STIX_MEDIA_TYPE = 'application/stix+json;version=2.1';

export class StixBundleSchema {
  @ApiProperty({ enum: ['bundle'] }) type: string;
  @ApiProperty({ example: 'bundle--5d0092c5-5f74-4287-9642-33f4c354e56d' }) id: string;
  @ApiProperty({ type: 'array', items: { type: 'object', additionalProperties: true }, description: 'STIX 2.1 objects (spec_version 2.1)' })
  objects: Record<string, unknown>[];
}

export class StixProblemSchema {
  @ApiProperty({ example: 'STIX.REQUIRED_PROPERTY' }) code: string;
  @ApiProperty() message: string;
  @ApiPropertyOptional({ description: "index of the object in the bundle's `objects`" }) index?: number;
  @ApiPropertyOptional({ description: "the object's id" }) id?: string;
  @ApiProperty({ description: 'RFC 6901 JSON pointer to the offending value', example: '/objects/3/created' }) pointer: string;
}

export class ValidationReportSchema {
  @ApiProperty() valid: boolean;
  @ApiProperty({ type: [StixProblemSchema] }) errors: StixProblemSchema[];
  @ApiProperty({ type: [StixProblemSchema] }) warnings: StixProblemSchema[];
}

/** A STIX 2.1 bundle body, as application/stix+json;version=2.1 (STIX 2.1 §1.6.1) or application/json; 415 for any other type. */
export const ApiStixBundleBody = () =>
  applyDecorators(ApiConsumes(STIX_MEDIA_TYPE, 'application/json'), ApiBody({ type: StixBundleSchema, description: 'a STIX 2.1 bundle' }));
