import { ConnectionType } from '@qurbani/kit';
import { Field, ID, ObjectType } from 'type-graphql';
import { SacrificeStub } from '../foreign-entities.js';
import { Video } from './video.entity.js';

export const VideoConnection = ConnectionType('Video', Video);

/** A sacrifice an executor still has to film; its id is the sacrifice id. */
@ObjectType({ description: 'A sacrifice assigned to the executor without a validated or approved video.' })
export class VideoTask {
  @Field(() => ID, { description: 'The sacrifice id.' }) id!: string;
  @Field(() => SacrificeStub) sacrifice!: SacrificeStub;
}

export const VideoTaskConnection = ConnectionType('VideoTask', VideoTask);
