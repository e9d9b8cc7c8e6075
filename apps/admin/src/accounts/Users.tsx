import {
  BooleanField,
  BooleanInput,
  Create,
  DatagridConfigurable,
  Edit,
  EmailField,
  List,
  PasswordInput,
  SelectInput,
  SimpleForm,
  TextField,
  TextInput,
  useTranslate,
} from 'react-admin'
import { ROLE_NAMES, UserCreate as UserCreateSchema, UserUpdate as UserUpdateSchema } from '@chain-atlas/types'
import { useChoices, useFieldLabel } from '../forms/SchemaInputs.tsx'
import { validateWith } from '../forms/validate-schema.ts'
import { PreloadValidators } from '../forms/compiled-validators.tsx'
import { DateTimeField } from '../display/dates.tsx'
import { ListActions } from '../resources/EntityList.tsx'
import { RoleField } from './RoleField.tsx'

const validateCreate = validateWith(UserCreateSchema, 'UserCreate')
/** The fields a user's edit may send (the email is not one). */
const EDITABLE = Object.keys(UserUpdateSchema.properties)
/** An edit sends only what changed; the password only when one is typed. */
const validateUpdate = validateWith(UserUpdateSchema, 'UserUpdate', (values) =>
  Object.fromEntries(EDITABLE.map((key) => [key, values[key]])),
)

export const UserList = () => {
  const label = useFieldLabel()
  return (
    <List actions={<ListActions filters={false} />} perPage={50} sort={{ field: 'created_at', order: 'ASC' }}>
      <DatagridConfigurable rowClick="edit" bulkActionButtons={false}>
        <EmailField source="email" label={label('email')} />
        <TextField source="display_name" label={label('display_name')} />
        <RoleField source="role" label={label('role')} />
        <BooleanField source="disabled" label={label('disabled')} />
        <DateTimeField source="created_at" label={label('created_at')} />
      </DatagridConfigurable>
    </List>
  )
}

const RoleInput = () => {
  const choices = useChoices()
  const label = useFieldLabel()
  return <SelectInput source="role" label={label('role')} choices={choices(ROLE_NAMES)} translateChoice={false} />
}

export const UserCreate = () => {
  const label = useFieldLabel()
  return (
    <Create redirect="list">
      <SimpleForm validate={validateCreate}>
        <PreloadValidators />
        <TextInput source="email" label={label('email')} type="email" />
        <TextInput source="display_name" label={label('display_name')} />
        <RoleInput />
        <PasswordInput source="password" label={label('password')} />
      </SimpleForm>
    </Create>
  )
}

/** Role, name, access and password; a user's sessions end when they are disabled or get a new password. */
export const UserEdit = () => {
  const label = useFieldLabel()
  const translate = useTranslate()
  return (
    <Edit mutationMode="pessimistic" redirect="list">
      <SimpleForm validate={validateUpdate}>
        <PreloadValidators />
        <TextField source="email" label={label('email')} />
        <TextInput source="display_name" label={label('display_name')} />
        <RoleInput />
        <BooleanInput source="disabled" label={label('disabled')} />
        <PasswordInput
          source="password"
          label={label('password')}
          helperText={translate('atlas.users.password_help')}
        />
      </SimpleForm>
    </Edit>
  )
}
