import { Column, PrimaryGeneratedColumn } from 'typeorm';
import type { OnwardDisclosure, Tlp } from '../domain/enums.js';

/**
 * Columns every shared record has: the owning agency (the data controller, the only
 * writer) and the handling marks that travel with the data (LED Art. 9).
 */
export abstract class SharedRecord {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text' })
  ownerAgencyCode!: string;

  @Column({ type: 'text', default: 'AMBER' })
  tlp!: Tlp;

  @Column({ type: 'text', nullable: true })
  handlingCode!: string | null;

  @Column({ type: 'text', default: 'NONE' })
  onwardDisclosure!: OnwardDisclosure;

  /** The record's key in the owner's system of record: unique per owner and kind. */
  @Column({ type: 'text' })
  externalId!: string;

  /** Incremented by every change; an update quoting another revision is a conflict. */
  @Column({ type: 'integer', default: 1 })
  revision!: number;

  /** Set when the owner withdrew the record: no read returns it; the owner keeps the tombstone. */
  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  withdrawnAt!: Date | null;

  @Column({ type: 'text', nullable: true })
  withdrawalReason!: string | null;
}
