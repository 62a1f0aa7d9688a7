// Child process: the six subgraphs in one process, as e2e/test/support/system.ts starts them, with
// the run's databases, stream and secrets. Reports their URLs to the parent; closes on 'close'.
import { startDeliverySubgraph } from '@qurbani/delivery';
import { startDonorSubgraph } from '@qurbani/donor';
import { startIdentitySubgraph } from '@qurbani/identity';
import { startSacrificeSubgraph } from '@qurbani/sacrifice';
import { startSkinSubgraph } from '@qurbani/skin';
import { startVideoSubgraph } from '@qurbani/video';

const settings = JSON.parse(process.env.BENCH_SETTINGS);
const organizer = JSON.parse(process.env.BENCH_ORGANIZER);
const { internalSecret, accessTokenSecret, piiKey } = settings.secrets;

const common = (name) => ({
  port: 0,
  baseUrl: settings.baseUrl,
  dbName: settings.dbNames[name],
  internalSecret,
  natsUrl: settings.natsUrl,
  streamName: settings.streamName,
  subjectPrefix: settings.subjectPrefix,
});

const subgraphs = {
  identity: await startIdentitySubgraph({
    ...common('identity'),
    redisUrl: settings.redisUrl,
    redisPrefix: settings.redisPrefix,
    accessTokenSecret,
    accessTokenTtlSeconds: 3600,
    refreshTokenTtlDays: 1,
    piiKey,
    bootstrapOrganizer: organizer,
  }),
};
subgraphs.donor = await startDonorSubgraph({ ...common('donor'), piiKey });
subgraphs.sacrifice = await startSacrificeSubgraph(common('sacrifice'));
subgraphs.video = await startVideoSubgraph(common('video'));
subgraphs.delivery = await startDeliverySubgraph({
  ...common('delivery'),
  piiKey,
  redisUrl: settings.redisUrl,
  redisPrefix: settings.redisPrefix,
});
subgraphs.skin = await startSkinSubgraph({ ...common('skin'), piiKey });

process.send({ urls: Object.fromEntries(Object.entries(subgraphs).map(([name, s]) => [name, s.url])) });

let closing;
const close = () =>
  (closing ??= Promise.allSettled(Object.values(subgraphs).map((s) => s.close())).then(() => process.exit(0)));
process.on('message', (message) => message === 'close' && close());
process.on('disconnect', close);
