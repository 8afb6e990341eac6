import { Table, TableBody, TableCell, TableHead, TableRow } from '@mui/material';
import { Datagrid, DateField, List, SelectInput, TextField, useRecordContext } from 'react-admin';

/** Owners' appeals of rejections (GET /admin/moderation/appeals), with every verdict of the listing side by side. */

interface Verdict {
  id: string;
  source: string;
  verdict: string;
  reason: string;
  safety_score: number | null;
  confidence: number | null;
  flags: string[];
  model: string | null;
  ai_status: string;
  created_at: string;
}

const appealFilters = [<SelectInput key="status" source="status" choices={['pending', 'approved', 'rejected'].map((id) => ({ id, name: id }))} alwaysOn />];

function AppealVerdicts() {
  const record = useRecordContext<{ id: string; verdicts?: Verdict[] }>();
  return (
    <Table size="small" aria-label="appeal verdicts">
      <TableHead>
        <TableRow>
          <TableCell>When</TableCell>
          <TableCell>Source</TableCell>
          <TableCell>Verdict</TableCell>
          <TableCell>AI</TableCell>
          <TableCell>Safety score</TableCell>
          <TableCell>Confidence</TableCell>
          <TableCell>Flags</TableCell>
          <TableCell>Reason</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {(record?.verdicts ?? []).map((verdict) => (
          <TableRow key={verdict.id} selected={verdict.id === record?.id}>
            <TableCell>{new Date(verdict.created_at).toLocaleString()}</TableCell>
            <TableCell>{verdict.source}</TableCell>
            <TableCell>{verdict.verdict}</TableCell>
            <TableCell>{[verdict.ai_status, verdict.model].filter(Boolean).join(' · ')}</TableCell>
            <TableCell>{verdict.safety_score ?? ''}</TableCell>
            <TableCell>{verdict.confidence ?? ''}</TableCell>
            <TableCell>{verdict.flags.join(', ')}</TableCell>
            <TableCell>{verdict.reason}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

/** Pending appeals are decided on the listing's review page (approve or reject with a reason). */
function DecideLink() {
  const record = useRecordContext<{ listing_id: string; status: string }>();
  if (!record || record.status !== 'pending') return null;
  return (
    <a href={`#/moderation/${record.listing_id}/show`} onClick={(event) => event.stopPropagation()}>
      Decide
    </a>
  );
}

export const AppealList = () => (
  <List title="Appeals" filters={appealFilters} filterDefaultValues={{ status: 'pending' }} exporter={false}>
    <Datagrid expand={<AppealVerdicts />} bulkActionButtons={false}>
      <DateField source="appealed_at" showTime />
      <TextField source="listing.title" label="Listing" />
      <TextField source="reason" label="Owner’s reason" />
      <TextField source="status" />
      <DateField source="decided_at" showTime />
      <DecideLink />
    </Datagrid>
  </List>
);
