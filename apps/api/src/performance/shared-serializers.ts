import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { SerializerSelector } from '@fastify/fast-json-stringify-compiler'

type Serializer = (data: unknown) => string
type Compile = (route: { schema: unknown }) => Serializer
type Schemas = Record<string, unknown>

/** Every `$ref` in a schema, as the id of the shared schema it names (`Economy#/…` → `Economy`). */
const refsOf = (schema: unknown, found: Set<string>) => {
  if (Array.isArray(schema)) for (const item of schema) refsOf(item, found)
  else if (schema && typeof schema === 'object') {
    for (const [key, value] of Object.entries(schema)) {
      if (key === '$ref' && typeof value === 'string') found.add(value.split('#')[0]!)
      else refsOf(value, found)
    }
  }
  return found
}

/** The shared schemas a schema needs: the ones it references, and theirs in turn. */
const referencedSchemas = (schema: unknown, shared: Schemas): Schemas => {
  const needed: Schemas = {}
  const pending = [...refsOf(schema, new Set())]
  for (let id = pending.pop(); id !== undefined; id = pending.pop()) {
    if (id in needed || !(id in shared)) continue
    needed[id] = shared[id]
    pending.push(...refsOf(shared[id], new Set()))
  }
  return needed
}

/**
 * Many routes answer with the same schema (an instrument, a problem): compile each distinct
 * response schema once, when it is first used rather than at start-up, and share the serializer,
 * instead of once per route at start-up. Each is built with
 * only the shared schemas it references: fast-json-stringify checks every schema it is given, on
 * every build, so handing each build all of them spent most of start-up checking the same ones.
 * The serializers are the ones Fastify would build.
 */
const sharedSerializers = async (app: FastifyInstance) => {
  const cache = new Map<string, Serializer>()
  const selector = SerializerSelector()
  app.setSerializerCompiler(({ schema }) => {
    const key = JSON.stringify(schema)
    let serializer = cache.get(key)
    if (!serializer) {
      const shared = app.getSchemas()
      const compile = () => (selector(referencedSchemas(schema, shared), {}) as unknown as Compile)({ schema })
      let built: Serializer | undefined
      // Built when first used, not at start-up.
      serializer = (data) => {
        built ??= compile()
        return built(data)
      }
      cache.set(key, serializer)
    }
    return serializer
  })
}

export default fp(sharedSerializers, { name: 'shared-serializers', dependencies: ['openapi'] })
