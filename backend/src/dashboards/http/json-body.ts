import {
  BadRequestException,
  createParamDecorator,
  Injectable,
  type ExecutionContext,
  type PipeTransform,
} from '@nestjs/common';
import type { Request } from 'express';
import { checkLayout } from '../layout/check-layout';
import { WidgetSettingsDto } from '../dto/widget.dto';
import { validateDocument } from '../validation/validate-document';

/**
 * The request body, untouched by the app's global ValidationPipe (which skips custom parameter
 * decorators), so the pipes below can validate it with messages that name paths such as
 * `widgets[2].size.columns` instead of the global pipe's `widgets.2.size.columns`.
 */
export const JsonBody = createParamDecorator((_data: unknown, context: ExecutionContext): unknown => {
  return context.switchToHttp().getRequest<Request>().body;
});

/** A whole layout, as PUT sends it. */
@Injectable()
export class LayoutPipe implements PipeTransform {
  transform(body: unknown) {
    const checked = checkLayout(body);
    if (!checked.value) throw new BadRequestException(checked.problems);
    return checked.value;
  }
}

/** One widget's settings, as PATCH sends them. */
@Injectable()
export class WidgetSettingsPipe implements PipeTransform {
  transform(body: unknown) {
    const checked = validateDocument(WidgetSettingsDto, body);
    if (!checked.value) throw new BadRequestException(checked.problems);
    return checked.value;
  }
}
