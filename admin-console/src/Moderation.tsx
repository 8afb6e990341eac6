import { useState } from 'react';
import { Button, Stack, Table, TableBody, TableCell, TableHead, TableRow, TextField as MuiTextField, Typography } from '@mui/material';
import { Datagrid, DateField, List, NumberField, Show, SimpleShowLayout, TextField, useNotify, useRecordContext, useRedirect } from 'react-admin';
import { api } from './session';

interface Verdict {
  id: string;
  source: string;
  verdict: string;
  reason: string;
  safety_score?: number | null;
  confidence?: number | null;
  flags?: string[];
  model?: string | null;
  created_at: string;
}

export const ModerationList = () => (
  <List title="Listings waiting for review" exporter={false}>
    <Datagrid rowClick="show" bulkActionButtons={false}>
      <TextField source="title" />
      <TextField source="kind" />
      <TextField source="status" />
      <NumberField source="price_minor" label="Price (minor)" />
      <TextField source="currency" />
      <DateField source="updated_at" showTime />
    </Datagrid>
  </List>
);

function Verdicts() {
  const record = useRecordContext<{ verdicts?: Verdict[] }>();
  const verdicts = record?.verdicts ?? [];
  return (
    <Table size="small" aria-label="verdicts">
      <TableHead>
        <TableRow>
          <TableCell>When</TableCell>
          <TableCell>Source</TableCell>
          <TableCell>Verdict</TableCell>
          <TableCell>Safety score</TableCell>
          <TableCell>Confidence</TableCell>
          <TableCell>Flags</TableCell>
          <TableCell>Reason</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {verdicts.map((verdict) => (
          <TableRow key={verdict.id}>
            <TableCell>{new Date(verdict.created_at).toLocaleString()}</TableCell>
            <TableCell>{verdict.source}</TableCell>
            <TableCell>{verdict.verdict}</TableCell>
            <TableCell>{verdict.safety_score ?? ''}</TableCell>
            <TableCell>{verdict.confidence ?? ''}</TableCell>
            <TableCell>{(verdict.flags ?? []).join(', ')}</TableCell>
            <TableCell>{verdict.reason}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

function Decision() {
  const record = useRecordContext<{ id: string; status: string }>();
  const [reason, setReason] = useState('');
  const notify = useNotify();
  const redirect = useRedirect();
  if (!record || record.status !== 'needs_human') return null;
  const decide = async (verdict: 'approved' | 'rejected') => {
    try {
      await api(`/admin/moderation/listings/${record.id}/decision`, { method: 'POST', body: { verdict, reason } });
      notify(`Listing ${verdict}`, { type: 'success' });
      redirect('list', 'moderation');
    } catch (error) {
      notify((error as Error).message, { type: 'error' });
    }
  };
  return (
    <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
      <MuiTextField label="Reason" value={reason} onChange={(event) => setReason(event.target.value)} size="small" style={{ minWidth: 360 }} />
      <Button variant="contained" color="success" disabled={reason.trim().length < 3} onClick={() => void decide('approved')}>
        Approve
      </Button>
      <Button variant="contained" color="error" disabled={reason.trim().length < 3} onClick={() => void decide('rejected')}>
        Reject
      </Button>
    </Stack>
  );
}

export const ModerationShow = () => (
  <Show title="Listing under review">
    <SimpleShowLayout>
      <TextField source="title" />
      <TextField source="kind" />
      <TextField source="status" />
      <TextField source="description" />
      <NumberField source="price_minor" label="Price (minor)" />
      <TextField source="currency" />
      <Typography variant="h6">Verdicts (AI and human), oldest first</Typography>
      <Verdicts />
      <Decision />
    </SimpleShowLayout>
  </Show>
);
