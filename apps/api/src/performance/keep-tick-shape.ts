import { createHook } from 'node:async_hooks'

/**
 * One of Node's `process.nextTick` objects, kept alive for the life of the process: a start-up
 * step of the server, imported before anything else.
 *
 * Node 20 makes these objects with a literal whose first keys are computed (two symbols). V8
 * remembers the object shape such a key's site made, holding it weakly. When a full GC finds no
 * tick object alive, the shapes die, the site next sees a new one, and V8 gives up on it for
 * good (megamorphic): from then on every nextTick, several per HTTP request, goes through V8's
 * runtime. Start-up's full GCs made that all but certain: about a tenth of the server's CPU
 * under load. One live tick object keeps the shapes alive.
 */
let kept: object | undefined
const hook = createHook({
  init: (_id, type, _trigger, resource) => {
    if (type === 'TickObject') kept ??= resource as object
  },
})
hook.enable()
process.nextTick(() => {})
hook.disable()
// On the global object: a module variable nothing reads again could be dropped by the bundler or by V8.
Object.defineProperty(globalThis, Symbol.for('chain-atlas.keptTickObject'), { value: kept })
