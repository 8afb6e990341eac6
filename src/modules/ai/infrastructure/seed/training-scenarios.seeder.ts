import { Inject, Injectable, Logger } from '@nestjs/common';
import { DemoSeed, type DemoSeeder } from '../../../../platform/demo/demo-seed';
import { systemContext } from '../../../../platform/kernel';
import { DEMO_ORGANIZATIONS } from '../../../organizations';
import { ScenarioUseCases } from '../../application/training/scenario.use-cases';
import { ORGANIZATION_DIRECTORY, type OrganizationDirectory } from '../../application/training-ports';

/** The starter F&I role-play scenarios in every demo dealership (idempotent: scenarios are matched by title). */
@Injectable()
@DemoSeed({ order: 20 })
export class TrainingScenariosSeeder implements DemoSeeder {
  private readonly logger = new Logger('DemoTrainingScenarios');

  constructor(
    private readonly scenarios: ScenarioUseCases,
    @Inject(ORGANIZATION_DIRECTORY) private readonly organizations: OrganizationDirectory,
  ) {}

  async seed(): Promise<{ scenariosAdded: number }> {
    const ctx = systemContext('demo-seed-training');
    let scenariosAdded = 0;
    for (const demo of DEMO_ORGANIZATIONS.filter((o) => o.kind === 'dealership')) {
      const orgId = await this.organizations.idBySlug(ctx, demo.slug);
      if (orgId) scenariosAdded += await this.scenarios.addStarterSet(ctx, orgId);
    }
    if (scenariosAdded) this.logger.log({ msg: 'demo training scenarios seeded', scenarios: scenariosAdded });
    return { scenariosAdded };
  }
}
