import { Injectable } from '@nestjs/common';
import { AdvisoryBacklogRepository, type AdvisoryBacklog } from '@isac/advisories';
import { IncidentCaseAccessRepository } from '@isac/incidents';
import { UnitOfWork } from '@isac/unit-of-work';

export interface HubState extends AdvisoryBacklog {
  /** incident cases with a report past its deadline (real ones: an exercise's run no real clock, issue 19) */
  overdueCases: number;
}

/**
 * How long the counts may take. A table locked by another session (a migration, VACUUM FULL) would
 * hold the scrape until the lock is gone and Prometheus gave up on it (10 s by default), the API's
 * own metrics with it; past this the read fails and the scrape answers with isac_metrics_state_read_ok 0.
 */
const STATE_READ_TIMEOUT_MS = 2_000;

/** The few counts of the shared state that tell whether the hub keeps up, from the read models of their owners. */
@Injectable()
export class HubStateService {
  constructor(
    private readonly advisories: AdvisoryBacklogRepository,
    private readonly cases: IncidentCaseAccessRepository,
    private readonly unitOfWork: UnitOfWork,
  ) {}

  read(): Promise<HubState> {
    // one transaction, so one statement timeout over every count (SET LOCAL ends with it)
    return this.unitOfWork.run(
      async () => {
        const backlog = await this.advisories.backlog();
        return { ...backlog, overdueCases: await this.cases.countOverdue() };
      },
      { statementTimeoutMs: STATE_READ_TIMEOUT_MS },
    );
  }
}
