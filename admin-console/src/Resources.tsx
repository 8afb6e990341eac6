import { Button } from '@mui/material';
import { Datagrid, DateField, List, SelectInput, TextField, TextInput, useNotify, useRecordContext, useRefresh } from 'react-admin';
import { api } from './session';

function OrganizationStatusButton() {
  const record = useRecordContext<{ id: string; status: string }>();
  const notify = useNotify();
  const refresh = useRefresh();
  if (!record) return null;
  const suspend = record.status !== 'suspended';
  const act = async () => {
    const reason = suspend ? window.prompt('Why suspend this organization?') : undefined;
    if (suspend && !reason) return;
    try {
      await api(`/admin/organizations/${record.id}/${suspend ? 'suspend' : 'reactivate'}`, { method: 'POST', body: suspend ? { reason } : {} });
      notify(suspend ? 'Suspended' : 'Reactivated', { type: 'success' });
      refresh();
    } catch (error) {
      notify((error as Error).message, { type: 'error' });
    }
  };
  return (
    <Button size="small" color={suspend ? 'error' : 'primary'} onClick={(event) => (event.stopPropagation(), void act())}>
      {suspend ? 'Suspend' : 'Reactivate'}
    </Button>
  );
}

const organizationFilters = [
  <TextInput key="q" source="q" label="Search" alwaysOn />,
  <SelectInput key="status" source="status" choices={['active', 'suspended'].map((id) => ({ id, name: id }))} />,
  <SelectInput key="kind" source="kind" choices={['dealership', 'repair_shop', 'creator_studio'].map((id) => ({ id, name: id }))} />,
];

export const OrganizationList = () => (
  <List filters={organizationFilters} exporter={false}>
    <Datagrid bulkActionButtons={false}>
      <TextField source="name" />
      <TextField source="slug" />
      <TextField source="kind" />
      <TextField source="status" />
      <DateField source="created_at" />
      <OrganizationStatusButton />
    </Datagrid>
  </List>
);

const auditFilters = [
  <TextInput key="action" source="action" label="Action or family" alwaysOn />,
  <TextInput key="actor" source="actor" label="Actor (user id)" />,
  <TextInput key="organization_id" source="organization_id" label="Organization id" />,
  <TextInput key="from" source="from" label="From (ISO date-time)" />,
  <TextInput key="to" source="to" label="To (ISO date-time)" />,
];

/** The audit entry's details (reasons, ids) as JSON. */
const Metadata = () => {
  const record = useRecordContext<{ metadata?: Record<string, unknown> }>();
  return <code>{record?.metadata ? JSON.stringify(record.metadata) : ''}</code>;
};

export const AuditList = () => (
  <List filters={auditFilters} exporter={false} title="Audit log">
    <Datagrid bulkActionButtons={false}>
      <DateField source="occurred_at" showTime />
      <TextField source="action" />
      <TextField source="actor_user_id" label="Actor" />
      <TextField source="organization_id" label="Organization" />
      <TextField source="target_type" />
      <TextField source="target_id" />
      <Metadata />
    </Datagrid>
  </List>
);
