/**
 * Every correction notice written (and every escalation) is announced on this PostgreSQL
 * channel, on commit, with `{"id": "<notice id>", "agency": "<recipient>", "escalated": bool}`:
 * the hook through which every gateway process's subscriptions (src/alerts) can push the notice
 * to the recipient agency's live subscribers, whether or not they subscribed to the record.
 */
export const NOTICE_CHANNEL = 'liaison_notices';

export interface NoticeAnnouncement {
  id: string;
  agency: string;
  escalated: boolean;
}
