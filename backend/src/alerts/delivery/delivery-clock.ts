import { Injectable } from '@nestjs/common';

/** The delivery worker's now: the system clock, replaced in tests so time passes on demand. */
@Injectable()
export class DeliveryClock {
  now(): Date {
    return new Date();
  }
}
