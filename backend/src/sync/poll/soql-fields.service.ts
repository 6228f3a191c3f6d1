import { Injectable, Logger } from '@nestjs/common';
import type { Connection } from 'jsforce';
import type { EffectiveObject } from '../../mirror/mirror-config';
import { selectFields, type FieldSelection } from '../load/field-selection';

/**
 * The fields to ask the org for, per object, as the loader chooses them (the configured ones the
 * org has, spelled as its describe spells them), learnt once per object and process.
 */
@Injectable()
export class SoqlFields {
  private readonly logger = new Logger(SoqlFields.name);
  private readonly known = new Map<string, Promise<FieldSelection>>();

  of(conn: Connection, object: EffectiveObject): Promise<FieldSelection> {
    let selection = this.known.get(object.sobject);
    if (!selection) {
      selection = selectFields(conn, object).then((s) => {
        if (s.missing.length > 0)
          this.logger.warn(`${object.sobject} has no field ${s.missing.join(', ')}; left empty`);
        return s;
      });
      selection.catch(() => this.known.delete(object.sobject));
      this.known.set(object.sobject, selection);
    }
    return selection;
  }
}
