import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** Whether PostgreSQL answers: one round trip on the pool. */
@Injectable()
export class DatabaseProbeRepository {
  constructor(private readonly dataSource: DataSource) {}

  async ping(): Promise<void> {
    await this.dataSource.query('SELECT 1');
  }
}
