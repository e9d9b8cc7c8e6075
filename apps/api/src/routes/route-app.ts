import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'

/**
 * The app as the route files see it: with TypeBox's type provider, a handler's `request.params`,
 * `request.query` and inline body types are inferred from the route's schemas, so they are never
 * written twice. A body given by reference (`Type.Ref('UserCreate')`) infers nothing: its route
 * names the `Static` type exported beside the schema in @chain-atlas/types instead.
 */
export type RouteApp = Parameters<FastifyPluginAsyncTypebox>[0]
