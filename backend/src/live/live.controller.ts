import { Controller, Sse, type MessageEvent } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { interval, map, merge, type Observable } from 'rxjs';
import { MirrorEvents } from '../sync/mirror-events.service';

/** Proxies and load balancers close idle streams; a comment-like ping every 25 s keeps it open. */
const HEARTBEAT_MS = 25_000;

@ApiTags('live')
@ApiBearerAuth()
@Controller('api')
export class LiveController {
  constructor(private readonly mirrorEvents: MirrorEvents) {}

  @Sse('events')
  @ApiOperation({ summary: 'Server-Sent Events: `change` whenever the mirror changes, so open widgets refetch.' })
  @ApiOkResponse({ description: 'text/event-stream; `change` events carry `{ entities: string[], at: string }`.' })
  events(): Observable<MessageEvent> {
    return merge(
      this.mirrorEvents.changes.pipe(map((change) => ({ type: 'change', data: change }))),
      interval(HEARTBEAT_MS).pipe(map(() => ({ type: 'ping', data: {} }))),
    );
  }
}
