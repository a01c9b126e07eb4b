import { ValidateIf } from 'class-validator';

/**
 * A field that may be left out but, when sent, must hold a value: `null` is checked by the field's
 * other validators (and refused with its pointer) instead of passing as absent, as `@IsOptional()`
 * lets it. For PATCH bodies, where `null` would otherwise reach a NOT NULL column.
 */
export const IsOptionalNonNull = () => ValidateIf((_object: object, value: unknown) => value !== undefined);
