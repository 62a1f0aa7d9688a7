import { Field, Int, ObjectType } from 'type-graphql';
import { AccountStub } from '../foreign-entities.js';
import { Species } from '../shared/species.js';

@ObjectType({ description: 'What one allocation run did for one species.' })
export class SpeciesAllocation {
  @Field(() => Species) species!: Species;
  @Field(() => Int) sacrificesCreated!: number;
  @Field(() => Int) sharesAllocated!: number;
  @Field(() => Int, { description: 'Shares of this species still waiting for an animal.' }) sharesPending!: number;
}

@ObjectType({ description: 'What one allocation run did.' })
export class AllocationResult {
  @Field(() => Int) sacrificesCreated!: number;
  @Field(() => Int) sharesAllocated!: number;
  @Field(() => Int, {
    description: 'Shares still waiting for an animal (no animal left, or the run reached its batch limit).',
  })
  sharesPending!: number;
  @Field(() => [SpeciesAllocation]) bySpecies!: SpeciesAllocation[];
}

@ObjectType({ description: 'How many sacrifices one executor received.' })
export class ExecutorAssignment {
  @Field(() => AccountStub) executor!: AccountStub;
  @Field(() => Int) assigned!: number;
}

@ObjectType({ description: 'What one assignment by quota did.' })
export class QuotaAssignmentResult {
  @Field(() => Int) assigned!: number;
  @Field(() => Int, { description: 'Sacrifices at the site still without an executor.' }) stillUnassigned!: number;
  @Field(() => [ExecutorAssignment]) executors!: ExecutorAssignment[];
}
