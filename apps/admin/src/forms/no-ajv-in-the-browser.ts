/**
 * What the admin UI is built with in place of AJV and its formats plugin (vite.config.ts aliases
 * them here): AJV compiles validators with `new Function`, which the UI's CSP forbids, so the
 * forms use validators compiled when the UI is built (`compiledValidators`). The shared types
 * still import AJV for the API; anything here that tried to compile a schema would fail loudly.
 */
const refused = () => {
  throw new Error('AJV compiles with eval, which the admin UI does not allow: use compiledValidators')
}

export class Ajv {
  constructor() {
    refused()
  }
}

export default refused
