// How a bench child process starts each subgraph: the run's databases, stream, Redis and secrets,
// as e2e/test/support/system.ts starts them. `module` is the subgraph's package (or a build's app.js).
export function subgraphStarters(settings, organizer, clock) {
  const { internalSecret, accessTokenSecret, piiKey, notifySealKey } = settings.secrets;
  const redis = { redisUrl: settings.redisUrl, redisPrefix: settings.redisPrefix };
  const common = (name) => ({
    port: 0,
    baseUrl: settings.baseUrl,
    dbName: settings.dbNames[name],
    internalSecret,
    natsUrl: settings.natsUrl,
    streamName: settings.streamName,
    subjectPrefix: settings.subjectPrefix,
    ...(settings.poolMax ? { poolMax: settings.poolMax } : {}),
  });
  // In start order: identity first (it bootstraps the organizer).
  return {
    identity: ({ startIdentitySubgraph }) =>
      startIdentitySubgraph({
        ...common('identity'),
        ...redis,
        accessTokenSecret,
        accessTokenTtlSeconds: 3600,
        refreshTokenTtlDays: 1,
        piiKey,
        bootstrapOrganizer: organizer,
      }),
    donor: ({ startDonorSubgraph }) => startDonorSubgraph({ ...common('donor'), piiKey, notifySealKey }),
    // The fixture records sacrifices inside the bench season's window: the parent sets `clock` for that.
    sacrifice: ({ startSacrificeSubgraph }) =>
      startSacrificeSubgraph({
        ...common('sacrifice'),
        ...redis,
        now: () => (clock.value ? new Date(clock.value) : new Date()),
      }),
    video: ({ startVideoSubgraph }) => startVideoSubgraph(common('video')),
    delivery: ({ startDeliverySubgraph }) =>
      startDeliverySubgraph({ ...common('delivery'), ...redis, piiKey, notifySealKey }),
    skin: ({ startSkinSubgraph }) => startSkinSubgraph({ ...common('skin'), piiKey }),
  };
}
