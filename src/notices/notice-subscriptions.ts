import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import type { RequestContext } from '../context/request-context.js';
import { isRecordId } from '../domain/input.js';
import { badUserInput } from '../errors.js';
import { NoticeAnnouncements } from './notice-announcements.js';
import { listNotices } from './notice-inbox.js';
import { openNoticeStream, type NoticeStream } from './notice-stream.js';

/**
 * `noticeIssued` subscriptions of one gateway process: one NoticeAnnouncements (a single
 * LISTEN on `liaison_notices`, started with the first subscription), one resumable stream per
 * subscription. A subscriber receives what its agency's `notices` inbox lists — whether or not
 * it subscribed to the record's changes.
 */
export class NoticeSubscriptions {
  private announcements: NoticeAnnouncements | undefined;
  private starting: Promise<NoticeAnnouncements> | undefined;
  /** Streams opened so far (monotonic; tests wait on it). */
  opened = 0;

  constructor(private readonly options: { databaseUrl: string; db: DataSource; log?: Logger }) {}

  started(): Promise<NoticeAnnouncements> {
    this.starting ??= (async () => {
      const announcements = new NoticeAnnouncements(this.options);
      await announcements.start();
      this.announcements = announcements;
      return announcements;
    })();
    return this.starting;
  }

  /** The caller's agency's notices as they are issued, after the notice `after` first when resuming. */
  async open(ctx: RequestContext, after: string | null | undefined): Promise<NoticeStream> {
    const agencyCode = ctx.principal.agencyCode;
    if (after) {
      const known = isRecordId(after) && (await listNotices(this.options.db, { recipient: agencyCode }, {}, 1, null, { id: after.toLowerCase() })).length > 0;
      if (!known) throw badUserInput('after must be the id of a notice your agency received');
    }
    const announcements = await this.started();
    this.opened += 1;
    return openNoticeStream({ announcements, db: this.options.db, agencyCode, after: after ? after.toLowerCase() : null });
  }

  get listeners(): number {
    return this.announcements?.listenerCount ?? 0;
  }

  /** Waits until the notices announced so far are handed on (tests). */
  async settled(): Promise<void> {
    await this.announcements?.settled();
  }

  async stop(): Promise<void> {
    const announcements = await this.starting?.catch(() => undefined);
    await announcements?.stop();
  }
}
