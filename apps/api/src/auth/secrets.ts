import { createHash, randomBytes } from 'node:crypto'
import { hash, verify } from '@node-rs/argon2'

/** argon2id with the library's defaults (19 MiB, 2 passes). */
export const hashPassword = (password: string) => hash(password)
export const verifyPassword = (passwordHash: string, password: string) =>
  verify(passwordHash, password).catch(() => false)

/** A random token for a cookie or key; tokens are stored only as their SHA-256 (they are long and random). */
export const randomToken = (bytes = 32) => randomBytes(bytes).toString('base64url')
export const sha256 = (value: string) => createHash('sha256').update(value).digest('hex')

/** A hash to verify against when the account does not exist, so timing does not reveal which emails do. */
export const DUMMY_HASH = await hashPassword(randomToken())
