import { Button, Stack, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import {
  BooleanField,
  Datagrid,
  DateField,
  List,
  SelectInput,
  Show,
  SimpleShowLayout,
  TextField,
  TextInput,
  useNotify,
  useRecordContext,
  useRefresh,
} from 'react-admin';
import { api } from './session';

interface Membership {
  org_id: string;
  org_name: string;
  org_slug: string;
  org_kind: string;
  org_status: string;
  role: string;
  status: string;
  joined_at: string;
}

interface ApiKey {
  id: string;
  org_id: string;
  name: string;
  role: string;
  prefix: string;
  status: string;
  created_at: string;
  expires_at: string;
  last_used_at: string | null;
}

interface UserRecord {
  id: string;
  status: string;
  memberships?: Membership[];
  api_keys?: ApiKey[];
}

const userFilters = [
  <TextInput key="q" source="q" label="E-mail or name" alwaysOn />,
  <SelectInput key="status" source="status" choices={['active', 'suspended'].map((id) => ({ id, name: id }))} />,
];

export const UserList = () => (
  <List filters={userFilters} exporter={false}>
    <Datagrid rowClick="show" bulkActionButtons={false}>
      <TextField source="full_name" />
      <TextField source="email" />
      <TextField source="status" />
      <BooleanField source="email_verified" />
      <DateField source="created_at" />
    </Datagrid>
  </List>
);

/** Suspend / reactivate / end sessions: each asks for a reason, kept in the audit log. */
function UserActions() {
  const record = useRecordContext<UserRecord>();
  const notify = useNotify();
  const refresh = useRefresh();
  if (!record) return null;
  const act = async (verb: 'suspend' | 'reactivate' | 'end-sessions', question: string, required: boolean) => {
    const reason = window.prompt(question) ?? undefined;
    if (required && !reason) return;
    try {
      await api(`/admin/users/${record.id}/${verb}`, { method: 'POST', body: reason ? { reason } : {} });
      notify(verb === 'suspend' ? 'User suspended' : verb === 'reactivate' ? 'User reactivated' : 'Sessions ended', { type: 'success' });
      refresh();
    } catch (error) {
      notify((error as Error).message, { type: 'error' });
    }
  };
  return (
    <Stack direction="row" spacing={2}>
      {record.status === 'suspended' ? (
        <Button variant="contained" onClick={() => void act('reactivate', 'Why reactivate this account? (optional)', false)}>
          Reactivate
        </Button>
      ) : (
        <Button variant="contained" color="error" onClick={() => void act('suspend', 'Why suspend this account?', true)}>
          Suspend
        </Button>
      )}
      <Button variant="outlined" onClick={() => void act('end-sessions', 'Why end every session? (optional)', false)}>
        End all sessions
      </Button>
    </Stack>
  );
}

function Memberships() {
  const memberships = useRecordContext<UserRecord>()?.memberships ?? [];
  return (
    <Table size="small" aria-label="memberships">
      <TableHead>
        <TableRow>
          <TableCell>Organization</TableCell>
          <TableCell>Kind</TableCell>
          <TableCell>Role</TableCell>
          <TableCell>Membership</TableCell>
          <TableCell>Organization status</TableCell>
          <TableCell>Joined</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {memberships.map((membership) => (
          <TableRow key={membership.org_id}>
            <TableCell>
              {membership.org_name} ({membership.org_slug})
            </TableCell>
            <TableCell>{membership.org_kind}</TableCell>
            <TableCell>{membership.role}</TableCell>
            <TableCell>{membership.status}</TableCell>
            <TableCell>{membership.org_status}</TableCell>
            <TableCell>{new Date(membership.joined_at).toLocaleDateString()}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

function ApiKeys() {
  const keys = useRecordContext<UserRecord>()?.api_keys ?? [];
  return (
    <Table size="small" aria-label="api keys">
      <TableHead>
        <TableRow>
          <TableCell>Name</TableCell>
          <TableCell>Prefix</TableCell>
          <TableCell>Role</TableCell>
          <TableCell>Status</TableCell>
          <TableCell>Organization</TableCell>
          <TableCell>Expires</TableCell>
          <TableCell>Last used</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {keys.map((key) => (
          <TableRow key={key.id}>
            <TableCell>{key.name}</TableCell>
            <TableCell>
              <code>{key.prefix}</code>
            </TableCell>
            <TableCell>{key.role}</TableCell>
            <TableCell>{key.status}</TableCell>
            <TableCell>{key.org_id}</TableCell>
            <TableCell>{new Date(key.expires_at).toLocaleDateString()}</TableCell>
            <TableCell>{key.last_used_at ? new Date(key.last_used_at).toLocaleString() : 'never'}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

export const UserShow = () => (
  <Show title="User">
    <SimpleShowLayout>
      <TextField source="full_name" />
      <TextField source="email" />
      <TextField source="status" />
      <BooleanField source="email_verified" />
      <DateField source="created_at" showTime />
      <UserActions />
      <Typography variant="h6">Memberships</Typography>
      <Memberships />
      <Typography variant="h6">API keys created (prefixes only)</Typography>
      <ApiKeys />
    </SimpleShowLayout>
  </Show>
);
