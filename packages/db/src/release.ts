import type { Release } from '@chain-atlas/types'
import releaseFile from '../../dataset/release.json' with { type: 'json' }

/** The dataset's release (packages/dataset/release.json): bundled with the code that serves it. */
export const release: Release = releaseFile
