import { Field, ObjectType, registerEnumType } from 'type-graphql';

export enum PlaybackStatus {
  READY = 'READY',
  PROCESSING = 'PROCESSING',
  ARCHIVED = 'ARCHIVED',
  UNAVAILABLE = 'UNAVAILABLE',
}
registerEnumType(PlaybackStatus, {
  name: 'PlaybackStatus',
  description: 'Whether a video can be watched now.',
  valuesConfig: {
    READY: { description: 'Every URL is set.' },
    PROCESSING: { description: 'The playback copies are being made; some URLs may be null.' },
    ARCHIVED: { description: 'The files are in cold storage; an organizer can restore them.' },
    UNAVAILABLE: { description: 'No file (not uploaded, refused) or the copies could not be made.' },
  },
});

/** Expiring links to one variant of a proof video, on the gateway's origin unless a CDN is configured. */
@ObjectType({
  description: 'Expiring links to watch a proof video: the blurred copy unless the original was asked for.',
})
export class VideoPlayback {
  @Field({ description: 'True for the blurred copy (the default), false for the original.' })
  blurred!: boolean;

  @Field(() => PlaybackStatus)
  status!: PlaybackStatus;

  @Field(() => String, { nullable: true, description: 'HLS master playlist (240p/480p/720p, never above the source).' })
  hlsUrl!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'One progressive file: the blurred mp4, or the original as uploaded. Supports Range.',
  })
  fileUrl!: string | null;

  @Field(() => String, { nullable: true })
  thumbnailUrl!: string | null;

  @Field(() => Date, { nullable: true, description: 'When these links stop working; ask again for fresh ones.' })
  expiresAt!: Date | null;
}
