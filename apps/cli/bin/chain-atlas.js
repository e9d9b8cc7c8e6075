#!/usr/bin/env node
// Runs the TypeScript source as the API does: tsx compiles it on load.
import { register } from 'tsx/esm/api'

register()
await import('../src/main.ts')
