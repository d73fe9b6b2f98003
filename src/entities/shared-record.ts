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
}
