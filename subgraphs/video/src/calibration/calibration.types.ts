import { Field, Float, Int, ObjectType } from 'type-graphql';
import type { CalibrationDimension, CheckCalibrationFigures } from './calibration.rules.js';
import { ProofCheck } from './proof-check.js';

@ObjectType({ description: "One check's figures against reviewer decisions, for all videos or one group." })
export class CheckCalibration implements CheckCalibrationFigures {
  @Field(() => ProofCheck) check!: ProofCheck;
  @Field(() => String, { description: 'ALL, SITE (group = site id) or NAME_SCRIPT (LATIN, ARABIC, MIXED).' })
  dimension!: CalibrationDimension;
  @Field() group!: string;
  @Field(() => Int, { description: 'Decisions that say whether this check was right.' }) labelled!: number;
  @Field(() => Int, { description: 'Rejections that named no check.' }) unattributed!: number;
  @Field(() => Int, { description: 'Check passed and the reviewer found it right.' }) truePass!: number;
  @Field(() => Int, { description: 'Check passed and the reviewer found it wrong.' }) falsePass!: number;
  @Field(() => Int) ok!: number;
  @Field(() => Int) bad!: number;
  @Field(() => Float, { nullable: true, description: 'truePass / all passes labelled; null without any.' })
  precision!: number | null;
  @Field(() => Float, { nullable: true, description: 'truePass / videos found right; null without any.' })
  recall!: number | null;
  @Field(() => Float, {
    nullable: true,
    description:
      "The lowest weakest-score above every labelled failure; null with too few failures. A proposal for the model's settings, not applied.",
  })
  proposedThreshold!: number | null;
  @Field(() => Float, { nullable: true, description: 'Share of approved scores at or above the proposal.' })
  recallAtProposal!: number | null;
  @Field() note!: string;
}

@ObjectType({ description: 'How well the automatic checks agree with reviewers, over a time range.' })
export class ReviewCalibration {
  @Field(() => Date) from!: Date;
  @Field(() => Date) to!: Date;
  @Field(() => Int, { description: 'Reviewer decisions in the range.' }) decisions!: number;
  @Field(() => [CheckCalibration]) checks!: CheckCalibration[];
}
