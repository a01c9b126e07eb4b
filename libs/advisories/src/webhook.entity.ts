import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** Where an organisation wants its advisories pushed, and the secret their signature is made with. */
@Entity({ name: 'webhooks' })
export class WebhookEntity {
  @PrimaryColumn({ name: 'org_id', type: 'uuid' })
  orgId: string;

  @Column({ type: 'varchar', length: 2000 })
  url: string;

  /** sealed with WEBHOOK_SECRET_KEY (`enc:v1:…`, webhook-secret-box.ts); rows written before that hold it in clear */
  @Column({ type: 'varchar', length: 1000 })
  secret: string;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
