import { ApolloArmor } from '@escape.tech/graphql-armor';
import { costLimitRule } from '@escape.tech/graphql-armor-cost-limit';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import { MaxTokensParserWLexer } from '@escape.tech/graphql-armor-max-tokens';
import type { GraphQLArmorConfig } from '@escape.tech/graphql-armor-types';
import { GraphQLError, type DocumentNode, type ValidationContext, type ValidationRule } from 'graphql';

/**
 * How big one operation may be: about twice what the apps need (the heaviest SDK operation, a
 * donor's tracking screen, costs ~24,000 in graphql-armor's model, where each level of nesting
 * weighs 1.5x the one above), fatal for abusive ones (ten nested sacrifices/orders: ~10^8). The
 * explorer's own introspection query is exempt from depth and cost (introspection is off in
 * production), not from tokens or aliases. gateway/test/limits.test.ts keeps every SDK operation
 * inside these limits.
 */
const LIMITS = { maxDepth: 14, maxAliases: 50, maxDirectives: 30, maxTokens: 3000, maxCost: 50_000 } as const;

// Report (all limits at once, as validation errors) rather than throw the first.
const report = {
  onReject: [(context: ValidationContext | null, error: GraphQLError) => context?.reportError(error)],
  propagateOnRejection: false,
};

/** The one configuration of graphql-armor, shared by HTTP and the live (graphql-ws) side. */
function armorConfig(production: boolean): GraphQLArmorConfig {
  return {
    maxDepth: { n: LIMITS.maxDepth, ignoreIntrospection: true, flattenFragments: true, ...report },
    maxAliases: { n: LIMITS.maxAliases, ...report },
    maxDirectives: { n: LIMITS.maxDirectives, ...report },
    // The parser has no validation context to report to: it must throw.
    maxTokens: { n: LIMITS.maxTokens },
    costLimit: { maxCost: LIMITS.maxCost, ignoreIntrospection: true, ...report },
    // "Did you mean ...?" maps the schema for someone who may not introspect it.
    blockFieldSuggestion: { enabled: production },
  };
}

/** Plugins and validation rules for Apollo Server (HTTP). */
export const httpLimits = (production: boolean) => new ApolloArmor(armorConfig(production)).protect();

/** The same limits as validation rules, for documents the live side validates itself. */
export function liveValidationRules(production: boolean): ValidationRule[] {
  const config = armorConfig(production);
  return [
    maxDepthRule(config.maxDepth),
    maxAliasesRule(config.maxAliases),
    maxDirectivesRule(config.maxDirectives),
    costLimitRule(config.costLimit),
  ] as ValidationRule[];
}

/** Parses with a token budget: a 1 MB document of braces fails after `maxTokens`, not after 1 MB. */
export function parseBounded(query: string): DocumentNode {
  if (typeof query !== 'string')
    throw new GraphQLError('Send the operation as a string.', { extensions: { code: 'BAD_USER_INPUT' } });
  return new MaxTokensParserWLexer(query, { n: LIMITS.maxTokens }).parseDocument();
}
