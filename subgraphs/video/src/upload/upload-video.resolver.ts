import { assertId, Role, type SubgraphContext } from '@qurbani/kit';
import { GraphQLError } from 'graphql';
import { GraphQLUpload, type FileUpload } from 'graphql-upload-minimal';
import { Arg, Authorized, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import { Video } from '../video/video.entity.js';
import type { MultipartUploads } from './multipart-upload.service.js';
import { UploadRefused } from './upload.errors.js';

@Resolver(() => Video)
export class UploadVideoResolver {
  constructor(private readonly uploads: MultipartUploads) {}

  @Mutation(() => Video, {
    description:
      'The assigned executor sends a small video (up to 64 MiB by default) in one GraphQL multipart request ' +
      '(header `apollo-require-preflight: true`; select only Video fields). Large or field recordings: the resumable ' +
      'tus 1.0 endpoint `/uploads/videos`.',
  })
  @Authorized(Role.EXECUTOR)
  async uploadVideo(
    @Arg('videoId', () => ID) videoId: string,
    @Arg('file', () => GraphQLUpload) file: Promise<FileUpload>,
    @Arg('sha256', () => String, {
      description: 'Hex SHA-256 of the file; the upload is refused when the bytes received differ.',
    })
    sha256: string,
    @Ctx() ctx: SubgraphContext,
  ): Promise<Video> {
    try {
      return await this.uploads.receive(ctx.em, ctx.viewer, assertId(videoId, 'videoId'), file, sha256);
    } catch (error) {
      if (error instanceof UploadRefused) throw new GraphQLError(error.message, { extensions: { code: error.code } });
      throw error;
    }
  }
}
