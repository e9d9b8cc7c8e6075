import { and, asc, eq, fillPlaceholders, inArray, like, sql } from 'drizzle-orm'
import { COLLECTION_NAMES, type CollectionName, type Status } from '@chain-atlas/types'
import { rowsOf, type Executor } from './client.ts'
import { toEntity, type Entity } from './entities.ts'
import { entityJson, sparseEntityJson, sparseKey } from './entity-json.ts'
import { rowsRaw, statementOf, type RawValue } from './raw-row.ts'
import { referencedBy, relationsOf, statementOfShape, type Referenced } from './list-json.ts'
import { readColumnsOf, tableOf as table } from './schema/index.ts'

export const getEntity = async (
  db: Executor,
  collection: CollectionName,
  id: string,
  statuses: Status[],
): Promise<Entity | undefined> => {
  const t = table(collection)
  const [row] = (await db
    .select(readColumnsOf(collection))
    .from(t)
    .where(and(eq(t.id, id), inArray(t.status, statuses)))
    .limit(1)) as Record<string, unknown>[]
  return row ? toEntity(collection, row) : undefined
}

/** A published entry as its public JSON text (`entityJson`) and its version, for reads that pass it through. */
export const getPublishedJson = async (
  db: Executor,
  collection: CollectionName,
  id: string,
): Promise<{ json: string; version: number } | undefined> => {
  const [row] = (await publishedJsonQuery(db, collection).execute({ id })) as { json: string; version: number }[]
  return row
}

/**
 * A published entry as the driver read it, cut to `id` and `fields` (`sparseEntityJson`) when
 * asked, with the ids it references for `include` (`includedJson` embeds them): for a get with
 * `fields=` or `include=` that passes it through. Its text written once per shape (`statementOfShape`).
 */
export const getPublishedEntryJson = async (
  db: Executor,
  collection: CollectionName,
  id: string,
  { fields, include = [] }: { fields?: readonly string[]; include?: string[] },
): Promise<{ json: RawValue; referenced: Referenced } | undefined> => {
  const relations = relationsOf(collection, include)
  const shape = `entry:${collection}:${fields ? sparseKey(collection, fields) : ''}:${relations.map((r) => r.field)}`
  const statement = statementOfShape(shape, () => {
    const t = table(collection)
    const columns = readColumnsOf(collection)
    const query = db
      .select({
        json: fields ? sparseEntityJson(collection, fields) : entityJson(collection),
        // Each as a list of one row's value, as a page's statement aggregates them.
        ...Object.fromEntries(
          relations.map((r, i) => [`ref_${i}`, sql`json_build_array(${columns[r.field]})::text`.as(`ref_${i}`)]),
        ),
      })
      .from(t)
      .where(and(eq(t.id, sql.placeholder('id')), eq(t.status, 'published')))
      .limit(1)
    return statementOf(db, query.getSQL())
  })
  const [row] = await rowsRaw(db, { ...statement, params: fillPlaceholders(statement.params, { id }) })
  if (!row) return undefined
  const [json, ...references] = row
  return { json: json ?? null, referenced: referencedBy(relations, references) }
}

/**
 * The query of `getPublishedJson`, built once per database and collection and prepared on the
 * server (postgres.js keeps it per connection): each get then sends only its id.
 */
const publishedJsonQuery = (db: Executor, collection: CollectionName) => {
  let queries = publishedJsonQueries.get(db)
  if (!queries) {
    queries = new Map()
    publishedJsonQueries.set(db, queries)
  }
  let query = queries.get(collection)
  if (!query) {
    const t = table(collection)
    query = db
      .select({ json: entityJson(collection), version: t.version })
      .from(t)
      .where(and(eq(t.id, sql.placeholder('id')), eq(t.status, 'published')))
      .limit(1)
      .prepare(`published_json_${collection}`)
    queries.set(collection, query)
  }
  return query
}
const publishedJsonQueries = new WeakMap<
  Executor,
  Map<CollectionName, { execute(values: { id: string }): Promise<unknown> }>
>()

/** Every entry of every collection with one of `statuses`, in id order: the export and backup format. */
export const exportEntities = async (db: Executor, statuses: Status[]): Promise<Record<CollectionName, Entity[]>> => {
  const out = {} as Record<CollectionName, Entity[]>
  for (const collection of COLLECTION_NAMES) {
    const t = table(collection)
    const rows = (await db
      .select(readColumnsOf(collection))
      .from(t)
      .where(inArray(t.status, statuses))
      .orderBy(asc(t.id))) as Record<string, unknown>[]
    out[collection] = rows.map((row) => toEntity(collection, row))
  }
  return out
}

/** These ids and those of every entry under them (by `parent_id`), among entries with one of `statuses`. */
export const idsWithDescendants = async (
  db: Executor,
  collection: CollectionName,
  ids: string[],
  statuses: Status[],
) => {
  const t = table(collection)
  const rows = rowsOf<{ id: string }>(
    await db.execute(sql`
      with recursive tree(id) as (
        select ${t.id} from ${t} where ${inArray(t.id, ids)} and ${inArray(t.status, statuses)}
        union select child.id from ${t} child join tree on child.parent_id = tree.id where ${inArray(sql`child.status`, statuses)}
      )
      select id from tree`),
  )
  return [...new Set([...ids, ...rows.map((r) => r.id)])]
}

/** Which of these ids a collection holds, among entries with one of `statuses`. */
export const existingIds = async (db: Executor, collection: CollectionName, ids: string[], statuses: Status[]) => {
  const t = table(collection)
  const rows = (await db
    .select({ id: t.id })
    .from(t)
    .where(and(inArray(t.id, ids), inArray(t.status, statuses)))) as { id: string }[]
  return rows.map((r) => r.id)
}

/** Up to `limit` ids of a collection starting with `prefix` (letters, digits and hyphens only), among `statuses`. */
export const idsStartingWith = async (
  db: Executor,
  collection: CollectionName,
  prefix: string,
  statuses: Status[],
  limit: number,
) => {
  const t = table(collection)
  const safe = prefix.replace(/[^a-z0-9-]/g, '')
  const rows = (await db
    .select({ id: t.id })
    .from(t)
    .where(and(like(t.id, `${safe}%`), inArray(t.status, statuses)))
    .orderBy(asc(t.id))
    .limit(limit)) as { id: string }[]
  return rows.map((r) => r.id)
}
