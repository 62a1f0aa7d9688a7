import { assertId, type SubgraphContext } from '@qurbani/kit';
import { Arg, Authorized, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { PushDevice, PushDeviceKind } from './push-device.entity.js';
import type { PushDeviceService } from './push-device.service.js';

@Resolver(() => PushDevice)
export class PushDeviceResolver {
  constructor(private readonly devices: PushDeviceService) {}

  @Mutation(() => PushDevice, {
    description:
      'Registers this device for push (any signed-in account). WEB: the PushSubscription JSON from the browser; FCM: the registration token.',
  })
  @Authorized()
  registerPushDevice(
    @Arg('kind', () => PushDeviceKind) kind: PushDeviceKind,
    @Arg('token') token: string,
    @Ctx() ctx: SubgraphContext,
  ): Promise<PushDevice> {
    return this.devices.register(ctx.em, ctx.viewer!.id, kind, token);
  }

  @Mutation(() => Boolean, { description: 'Stops push to one of your devices.' })
  @Authorized()
  unregisterPushDevice(@Arg('id', () => ID) id: string, @Ctx() ctx: SubgraphContext): Promise<boolean> {
    return this.devices.unregister(ctx.em, ctx.viewer!.id, assertId(id));
  }

  @Query(() => [PushDevice], {
    description: 'Your devices registered for push (dead ones are removed by the notifier).',
  })
  @Authorized()
  myPushDevices(@Ctx() ctx: SubgraphContext): Promise<PushDevice[]> {
    return this.devices.mine(ctx.em, ctx.viewer!.id);
  }
}
