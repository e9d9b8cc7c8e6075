// The validators of the shared schemas, compiled ahead of time (../../compiled-validators.ts; Vite serves them).
declare module 'virtual:compiled-validators' {
  import type { CollectionName, CompiledValidator } from '@chain-atlas/types'

  /** Each collection's input schema by the collection's name, the account forms' schemas by theirs. */
  const validators: Record<
    CollectionName | 'ApiKeyCreate' | 'UserCreate' | 'UserUpdate' | 'WebhookCreate' | 'WebhookUpdate',
    CompiledValidator
  >
  export default validators
}
