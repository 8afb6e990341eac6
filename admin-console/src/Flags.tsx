import { useState } from 'react';
import { Button, Stack, TextField as MuiTextField, Typography } from '@mui/material';
import {
  Datagrid,
  DateField,
  FunctionField,
  List,
  NumberField,
  SelectInput,
  Show,
  SimpleShowLayout,
  TextField,
  useNotify,
  useRecordContext,
  useRefresh,
} from 'react-admin';
import { api } from './session';

/** Flagged forum posts, comments and reported marketplace reviews: GET /admin/moderation/flags, GET …/flags/{id}, POST …/flags/{id}/decision. */

interface FlaggedContent {
  type: string;
  body_markdown: string;
  hidden: boolean;
  deleted_at: string | null;
  parent_type: string;
  parent_id: string;
}

interface FlagRecord {
  id: string;
  status: string;
  content?: FlaggedContent | null;
}

const choices = (ids: string[]) => ids.map((id) => ({ id, name: id }));

const flagFilters = [
  <SelectInput key="status" source="status" choices={choices(['open', 'upheld', 'dismissed'])} alwaysOn />,
  <SelectInput key="target_type" source="target_type" label="Content" choices={choices(['post', 'comment', 'review'])} alwaysOn />,
];

export const FlagList = () => (
  <List title="Flagged content" filters={flagFilters} filterDefaultValues={{ status: 'open' }} exporter={false}>
    <Datagrid rowClick="show" bulkActionButtons={false}>
      <DateField source="created_at" showTime />
      <TextField source="target_type" label="Content" />
      <TextField source="reason" />
      <TextField source="note" />
      <TextField source="status" />
      <TextField source="decision" />
      <TextField source="decision_reason" label="Why" />
    </Datagrid>
  </List>
);

function Content() {
  const record = useRecordContext<FlagRecord>();
  const content = record?.content;
  if (!content) return <Typography>The flagged content no longer exists.</Typography>;
  return (
    <Stack spacing={1}>
      <Typography variant="body2">
        {content.type} on {content.parent_type} {content.parent_id} · {content.hidden ? 'hidden' : 'visible'}
        {content.deleted_at ? ' · deleted by its author' : ''}
      </Typography>
      <pre aria-label="flagged content" style={{ whiteSpace: 'pre-wrap', background: '#f5f5f5', padding: 12 }}>
        {content.body_markdown}
      </pre>
    </Stack>
  );
}

const ACTIONS = [
  { action: 'hide', label: 'Hide', color: 'error' },
  { action: 'restore', label: 'Restore', color: 'success' },
  { action: 'dismiss', label: 'Dismiss', color: 'inherit' },
] as const;

function FlagDecision() {
  const record = useRecordContext<FlagRecord>();
  const [reason, setReason] = useState('');
  const notify = useNotify();
  const refresh = useRefresh();
  if (!record || record.status !== 'open') return null;
  const decide = async (action: (typeof ACTIONS)[number]['action']) => {
    try {
      await api(`/admin/moderation/flags/${record.id}/decision`, { method: 'POST', body: { action, reason } });
      notify(`Flag decided: ${action}`, { type: 'success' });
      setReason('');
      refresh();
    } catch (error) {
      notify((error as Error).message, { type: 'error' });
    }
  };
  return (
    <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
      <MuiTextField label="Reason" value={reason} onChange={(event) => setReason(event.target.value)} size="small" style={{ minWidth: 360 }} />
      {ACTIONS.map(({ action, label, color }) => (
        <Button key={action} variant="contained" color={color} disabled={reason.trim().length < 3} onClick={() => void decide(action)}>
          {label}
        </Button>
      ))}
    </Stack>
  );
}

export const FlagShow = () => (
  <Show title="Flag">
    <SimpleShowLayout>
      <TextField source="target_type" label="Content" />
      <TextField source="reason" />
      <TextField source="note" />
      <TextField source="status" />
      <NumberField source="open_flags_on_content" label="Open flags on this content" />
      <FunctionField label="Board" render={(record: { org_id: string | null }) => (record.org_id ? `private (${record.org_id})` : 'public')} />
      <TextField source="decision" />
      <TextField source="decision_reason" label="Why" />
      <Typography variant="h6">Flagged content</Typography>
      <Content />
      <FlagDecision />
    </SimpleShowLayout>
  </Show>
);
