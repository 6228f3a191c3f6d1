import { applyDecorators } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

/** An optional whole-number query parameter in [min, max], with one message naming it. */
export function WholeNumber(name: string, min: number, max: number): PropertyDecorator {
  const message = { message: `${name} must be a whole number from ${min} to ${max}` };
  return applyDecorators(
    IsOptional(),
    Type(() => Number),
    IsInt(message),
    Min(min, message),
    Max(max, message),
  );
}
