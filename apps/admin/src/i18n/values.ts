/** The API's own bilingual names, shared with its facets and codebook. */
export { FIELD_LABELS, VALUE_LABELS } from '@chain-atlas/types'
