// Every error a Pulse widget shows goes through this panel: a friendly sentence first, the
// technical messages only on request.
import { LightningElement, api } from 'lwc';
import { reduceErrors } from 'c/ldsUtils';
import GENERIC from '@salesforce/label/c.Pulse_Error_Generic';
import SHOW_DETAILS from '@salesforce/label/c.Pulse_Error_ShowDetails';
import HIDE_DETAILS from '@salesforce/label/c.Pulse_Error_HideDetails';

export default class ErrorPanel extends LightningElement {
  /** What went wrong, for people. */
  @api friendlyMessage = GENERIC;
  /** One error or a list, of any shape reduceErrors understands. */
  @api errors: unknown;

  viewDetails = false;

  get messages(): string[] {
    return reduceErrors(this.errors);
  }

  get hasDetails(): boolean {
    return this.messages.length > 0;
  }

  /** aria-expanded wants the strings "true"/"false", not an attribute that is present or not. */
  get expanded(): string {
    return String(this.viewDetails);
  }

  get toggleLabel(): string {
    return this.viewDetails ? HIDE_DETAILS : SHOW_DETAILS;
  }

  handleToggle(): void {
    this.viewDetails = !this.viewDetails;
  }
}
