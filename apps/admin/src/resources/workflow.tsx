import { Button, useDataProvider, useNotify, usePermissions, useRecordContext, useRefresh, useResourceContext } from 'react-admin'

const ROLES = ['viewer', 'curator', 'editor', 'admin']
const atLeast = (role: string | undefined, needed: string) => ROLES.indexOf(role ?? '') >= ROLES.indexOf(needed)

/** Which workflow actions the entry's state allows, and the least role each needs. */
const ACTIONS = [
  { action: 'submit', label: 'Submit for review', from: ['draft'], role: 'curator' },
  { action: 'publish', label: 'Publish', from: ['in_review'], role: 'editor' },
  { action: 'archive', label: 'Archive', from: ['draft', 'in_review', 'published'], role: 'editor' },
] as const

/** The workflow buttons an entry's state and the signed-in role allow: nobody sees a button they may not use. */
export const WorkflowButtons = () => {
  const record = useRecordContext<{ id: string; status: string; version: number }>()
  const resource = useResourceContext()!
  const { permissions } = usePermissions<string>()
  const dataProvider = useDataProvider() as ReturnType<typeof useDataProvider> & {
    transition(resource: string, id: string, action: string, version: number): Promise<unknown>
  }
  const notify = useNotify()
  const refresh = useRefresh()
  if (!record) return null
  const allowed = ACTIONS.filter((a) => (a.from as readonly string[]).includes(record.status) && atLeast(permissions, a.role))
  return (
    <>
      {allowed.map(({ action, label }) => (
        <Button
          key={action}
          label={label}
          onClick={async () => {
            try {
              await dataProvider.transition(resource, record.id, action, record.version)
              notify(`${label}: done`, { type: 'success' })
            } catch (error) {
              notify((error as Error).message, { type: 'error' })
            }
            refresh()
          }}
        />
      ))}
    </>
  )
}
