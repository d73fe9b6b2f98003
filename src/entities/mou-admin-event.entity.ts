import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One entry of the append-only admin audit log: a lifecycle action or clause change on an
 * MoU (or an impact preview or access explanation), successful or refused. The database
 * refuses UPDATE, DELETE and TRUNCATE on the table.
 */
@Entity('mou_admin_event')
export class MouAdminEventEntity {
  /** Order of the log (an identity column; assigned by the database). */
  @PrimaryColumn({ type: 'bigint', insert: false, update: false })
  seq!: string;

  @Column({ type: 'uuid', insert: false, update: false })
  id!: string;

  @Column({ type: 'timestamptz', precision: 3, insert: false, update: false })
  occurredAt!: Date;

  @Column({ type: 'text' })
  action!: string;

  @Column({ type: 'text' })
  outcome!: 'SUCCEEDED' | 'REFUSED' | 'FAILED';

  @Column({ type: 'text' })
  channel!: 'GRAPHQL' | 'CLI' | 'SCHEDULER';

  @Column({ type: 'text' })
  actorUserId!: string;

  @Column({ type: 'text', nullable: true })
  actorAgencyCode!: string | null;

  @Column({ type: 'text', array: true })
  actorRoles!: string[];

  @Column({ type: 'text', nullable: true })
  decisionId!: string | null;

  @Column({ type: 'uuid', nullable: true })
  mouId!: string | null;

  @Column({ type: 'text', nullable: true })
  mouReference!: string | null;

  @Column({ type: 'integer', nullable: true })
  mouVersion!: number | null;

  @Column({ type: 'uuid', nullable: true })
  clauseId!: string | null;

  /** Agencies whose MOU_ADMINs may read the event (the MoU's parties). */
  @Column({ type: 'text', array: true })
  partyAgencyCodes!: string[];

  @Column({ type: 'text', nullable: true })
  reason!: string | null;

  @Column({ type: 'text', nullable: true })
  refusalCode!: string | null;

  @Column({ type: 'text', nullable: true })
  refusalRule!: string | null;

  @Column({ type: 'text', nullable: true })
  refusalMessage!: string | null;

  @Column({ type: 'jsonb', nullable: true })
  request!: Record<string, unknown> | null;

  @Column({ type: 'jsonb', nullable: true })
  before!: Record<string, unknown> | null;

  @Column({ type: 'jsonb', nullable: true })
  after!: Record<string, unknown> | null;
}
