// pnpm db:public-json: the SQL that installs the triggers keeping each entry's public JSON
// (entity-json.ts). Put it in a new migration (`pnpm db:generate --custom`) whenever a
// collection's public fields change: the tests that compare stored and built JSON say when.
import { publicJsonTriggersSql } from '../entity-json.ts'

process.stdout.write(`${publicJsonTriggersSql()}\n`)
