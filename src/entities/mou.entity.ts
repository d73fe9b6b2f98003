import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { ClauseTerms } from '../policies/clause.js';
import type { MouStatus, OnwardDisclosure, Purpose, Tlp } from '../domain/enums.js';

/** A Memorandum of Understanding from a provider agency to a recipient agency, one version. */
@Entity('mou')
export class MouEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text' })
  reference!: string;

  @Column({ type: 'integer' })
  version!: number;

  @Column({ type: 'text' })
  title!: string;

  @Column({ type: 'text' })
  providerAgencyCode!: string;

  @Column({ type: 'text' })
  recipientAgencyCode!: string;

  @Column({ type: 'text' })
  legalBasis!: string;

  @Column({ type: 'text', array: true })
  purposes!: Purpose[];

  @Column({ type: 'timestamptz', precision: 3 })
  validFrom!: Date;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  validUntil!: Date | null;

  @Column({ type: 'text' })
  status!: MouStatus;

  @Column({ type: 'text' })
  createdBy!: string;

  /** `AGENCY:user` of everyone who drafted or edited this version: none of them may approve it. */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  authors!: string[];

  /** Why the MoU was last suspended, resumed or terminated. */
  @Column({ type: 'text', nullable: true })
  statusReason!: string | null;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  statusChangedAt!: Date | null;

  /** The party that suspended it: only that party may resume it. */
  @Column({ type: 'text', nullable: true })
  suspendedByAgencyCode!: string | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz', precision: 3 })
  updatedAt!: Date;
}

/** One grant of an MoU: a subject, its fields, the rows (conditions), for whom and why — the clause terms as stored. */
@Entity('mou_clause')
export class MouClauseEntity implements ClauseTerms {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  mouId!: string;

  @Column({ type: 'integer' })
  position!: number;

  @Column({ type: 'text' })
  label!: string;

  @Column({ type: 'text' })
  subjectType!: string;

  @Column({ type: 'text', array: true })
  fields!: string[];

  @Column({ type: 'jsonb', nullable: true })
  conditions!: Record<string, unknown> | null;

  @Column({ type: 'text', array: true })
  purposes!: Purpose[];

  @Column({ type: 'text', array: true })
  recipientRoles!: string[];

  @Column({ type: 'text' })
  maxTlp!: Tlp;

  @Column({ type: 'text', default: 'NONE' })
  onwardDisclosure!: OnwardDisclosure;

  @Column({ type: 'integer' })
  retentionDays!: number;

  @Column({ type: 'boolean', default: false })
  caseReferenceRequired!: boolean;

  /** Records per UTC day the recipient may receive under this clause; null: no quota (migration Hardening). */
  @Column({ type: 'integer', nullable: true })
  dailyRecordQuota!: number | null;
}

@Entity('mou_approval')
export class MouApprovalEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  mouId!: string;

  @Column({ type: 'text' })
  agencyCode!: string;

  @Column({ type: 'text' })
  userId!: string;

  /** The token issuer that vouched for the approver (null for approvals made before it was recorded). */
  @Column({ type: 'text', nullable: true })
  issuer!: string | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  approvedAt!: Date;

  /** Set when an edit of the MoU voided the approval; approvals are never deleted. */
  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  voidedAt!: Date | null;

  @Column({ type: 'text', nullable: true })
  voidReason!: string | null;
}
