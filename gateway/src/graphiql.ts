import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import type { RequestHandler } from 'express';

let page: string | undefined;

/**
 * GraphiQL from local assets (the page inlines its scripts), so the explorer works with no
 * internet. Rendered once: the page is ~9 MB.
 */
export const graphiql: RequestHandler = (req, res, next) => {
  if (req.method !== 'GET' || !req.accepts('html') || req.accepts(['json', 'html']) === 'json') return next();
  page ??= renderGraphiQL({
    endpoint: '/graphql',
    title: 'Qurbani platform explorer',
    subscriptionsProtocol: 'WS',
    defaultQuery:
      '# Sign in with the signIn mutation, then add the header\n# { "Authorization": "Bearer <accessToken>" }\n{ __typename }\n',
  });
  res.type('html').send(page);
};
