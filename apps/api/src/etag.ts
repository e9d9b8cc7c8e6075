/** The ETag of an entry's plain representation: its version, which changes on every write. */
export const entityEtag = (entity: { version: number }) => `"v${entity.version}"`
