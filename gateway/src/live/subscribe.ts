import { ErrorCode, Role, type Viewer } from '@qurbani/kit';
import {
  getArgumentValues,
  getVariableValues,
  GraphQLError,
  Kind,
  type DocumentNode,
  type FormattedExecutionResult,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import { planResolution, type Resolution } from './follow-up.js';
import { LIVE_FIELDS, type LiveField } from './live-fields.js';
import type { LiveViewer } from './live-viewer.js';

export interface PreparedSubscription {
  field: LiveField;
  topicId: string;
  plan: Resolution;
  viewer: LiveViewer;
}

export interface SubscribeRequest {
  schema: GraphQLSchema;
  document: DocumentNode;
  operation: OperationDefinitionNode;
  variables: Record<string, unknown>;
  live: LiveViewer | null;
  /** Runs the field's authorization query as the subscriber. */
  check: (query: string, variables: Record<string, unknown>, viewer: Viewer) => Promise<FormattedExecutionResult>;
}

const refuse = (message: string, code: string) => [new GraphQLError(message, { extensions: { code } })];

/**
 * Everything decided once per subscription: who subscribes, to what id, whether they may (asking
 * the owning subgraph with their own token, as a query would), and how each event will be resolved.
 */
export async function prepareSubscription(
  req: SubscribeRequest,
): Promise<PreparedSubscription | readonly GraphQLError[]> {
  const [root, ...more] = req.operation.selectionSet.selections;
  if (!root || more.length || root.kind !== Kind.FIELD)
    return refuse('Select one subscription field directly, without fragments.', ErrorCode.BadUserInput);
  const field = LIVE_FIELDS[root.name.value];
  const fieldDef = req.schema.getSubscriptionType()?.getFields()[root.name.value];
  if (!field || !fieldDef) return refuse(`Unknown subscription ${root.name.value}.`, ErrorCode.BadUserInput);
  const live = req.live;
  if (!live) return refuse('Sign in first: send the access token in connection_init.', ErrorCode.Unauthenticated);

  const coerced = getVariableValues(req.schema, req.operation.variableDefinitions ?? [], req.variables);
  if (coerced.errors) return coerced.errors;
  const args = getArgumentValues(fieldDef, root, coerced.coerced);
  const viewer = live.viewer;
  const link = viewer.trackingDeliveryId;
  const topicId = field.topicId(args, viewer.id);
  if (!topicId) return refuse('Give the id to follow.', ErrorCode.BadUserInput);

  if (link && (!field.forTrackingLink || topicId !== link))
    return refuse('A tracking link follows its own delivery only.', ErrorCode.Forbidden);
  if (topicId === '*') {
    if (!viewer.roles.includes(Role.ORGANIZER))
      return refuse('Only organizers follow every route.', ErrorCode.Forbidden);
  } else if (field.check) {
    const checked = await req.check(field.check, { id: topicId }, viewer);
    if (checked.errors?.length)
      return checked.errors.map((e) => new GraphQLError(e.message, { path: e.path, extensions: e.extensions }));
  }
  return {
    field,
    topicId,
    viewer: live,
    plan: planResolution(req.document, req.operation, root, field, req.variables),
  };
}
