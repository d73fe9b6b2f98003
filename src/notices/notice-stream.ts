import type { DataSource } from 'typeorm';
import { ResumableStream, type Backlog } from '../streams/resumable-stream.js';
import type { NoticeAnnouncements } from './notice-announcements.js';
import { listNotices, type Notice } from './notice-inbox.js';

export interface NoticeStreamOptions {
  announcements: NoticeAnnouncements;
  db: DataSource;
  /** The subscriber's agency: it receives exactly the notices its `notices` inbox lists. */
  agencyCode: string;
  /** Resume: first the notices issued after this one (a notice id of the agency's inbox), oldest first. */
  after: string | null;
  /** A consumer this far behind is cut off (it resumes with the last notice id received). */
  maxQueued?: number;
}

/** Raised into the stream when its consumer falls too far behind, or a resumption reaches too far back. */
export class NoticeConsumerTooSlow extends Error {}

/** One subscriber's correction notices (see openNoticeStream). */
export type NoticeStream = ResumableStream<Notice>;

const BACKLOG_PAGE = 500;
const DEFAULT_MAX_QUEUED = 2_000;
/** A notice is delivered once as issued and once more when escalated. */
const deliveryKey = (notice: Notice): string => `${notice.id}:${notice.escalatedAt ? 'escalated' : 'issued'}`;

/**
 * One subscriber's correction notices: when resuming, the notices of its agency issued after
 * the given one (read from the inbox, oldest first); then the live ones the process's
 * NoticeAnnouncements hands on. A notice both read and announced is delivered once.
 */
export function openNoticeStream(options: NoticeStreamOptions): NoticeStream {
  const { announcements, db, agencyCode, after } = options;
  const maxQueued = options.maxQueued ?? DEFAULT_MAX_QUEUED;
  const delivered = new Set<string>();

  /** The agency's notices issued after `from`, oldest first. */
  const readBacklog = async (from: string, closed: () => boolean): Promise<Backlog<Notice>> => {
    const missed: Notice[] = [];
    let cursor: string | null = null;
    for (;;) {
      const page = await listNotices(db, { recipient: agencyCode }, {}, BACKLOG_PAGE, cursor, { newerThan: from });
      missed.push(...page);
      if (page.length < BACKLOG_PAGE || closed()) break;
      if (missed.length >= maxQueued) {
        return { refused: new NoticeConsumerTooSlow('Too many notices to resume from that notice id; read them with the notices query') };
      }
      cursor = page.at(-1)!.id;
    }
    return { missed: missed.reverse() };
  };

  return new ResumableStream<Notice>({
    listen: (push) => announcements.add(agencyCode, (notice) => push([notice])),
    readBacklog: after === null ? null : (closed) => readBacklog(after, closed),
    deliverable: (notice) => {
      const key = deliveryKey(notice);
      if (delivered.has(key)) return false;
      delivered.add(key);
      return true;
    },
    maxQueued,
    tooSlow: () => new NoticeConsumerTooSlow('Too many undelivered notices; resubscribe with after: the last notice id received'),
  });
}
