import { useEffect, useState } from 'react';
import { Card, CardContent, CardHeader, Stack, Table, TableBody, TableCell, TableHead, TableRow, TextField, Typography } from '@mui/material';
import { Title } from 'react-admin';
import { api } from './session';

interface RevenueLine {
  currency: string;
  amount_minor: number;
}

interface Summary {
  since: string;
  days: number;
  totals: Record<string, number | null>;
  by_day: Array<Record<string, string | number | null> & { revenue: RevenueLine[] }>;
  waiting_for_review: number;
  failed_jobs: number;
  revenue: RevenueLine[];
}

const money = (lines: RevenueLine[]) => lines.map((line) => `${(line.amount_minor / 100).toFixed(2)} ${line.currency}`).join(', ') || '0';
const isoDay = (date: Date) => date.toISOString().slice(0, 10);

const COLUMNS: Array<[string, string]> = [
  ['signups', 'Sign-ups'],
  ['orders', 'Orders paid'],
  ['bookings', 'Bookings'],
  ['listings_created', 'Listings created'],
  ['failed_jobs', 'Failed jobs'],
];

/** The operators' dashboard: GET /api/v1/admin/dashboard?from&to (UTC days, 90 at most). */
export function Dashboard() {
  const [summary, setSummary] = useState<Summary>();
  const [error, setError] = useState<string>();
  const [to, setTo] = useState(isoDay(new Date()));
  const [from, setFrom] = useState(isoDay(new Date(Date.now() - 13 * 86_400_000)));
  useEffect(() => {
    setError(undefined);
    api<Summary>(`/admin/dashboard?${new URLSearchParams({ from, to }).toString()}`).then(setSummary, (failure: Error) => setError(failure.message));
  }, [from, to]);
  const range = (
    <Stack direction="row" spacing={2}>
      <TextField
        type="date"
        label="From"
        size="small"
        value={from}
        onChange={(event) => setFrom(event.target.value)}
        slotProps={{ inputLabel: { shrink: true } }}
      />
      <TextField type="date" label="To" size="small" value={to} onChange={(event) => setTo(event.target.value)} slotProps={{ inputLabel: { shrink: true } }} />
    </Stack>
  );
  if (error)
    return (
      <div style={{ marginTop: 16 }}>
        {range}
        <Typography color="error">{error}</Typography>
      </div>
    );
  if (!summary) return <Typography>Loading…</Typography>;
  const tiles: Array<[string, string]> = [
    ['Listings waiting for review', String(summary.waiting_for_review)],
    ['Failed jobs', String(summary.failed_jobs)],
    ...COLUMNS.map(([key, label]): [string, string] => [`${label} (${summary.days} days)`, summary.totals[key] === null ? 'n/a' : String(summary.totals[key])]),
    [`Revenue (${summary.days} days)`, money(summary.revenue)],
  ];
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 16, marginTop: 16 }}>
      <Title title="Dashboard" />
      {range}
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 16 }}>
        {tiles.map(([label, value]) => (
          <Card key={label} style={{ minWidth: 200 }} data-testid="tile">
            <CardHeader title={value} subheader={label} />
          </Card>
        ))}
      </div>
      <Card>
        <CardHeader title="By day" />
        <CardContent>
          <Table size="small">
            <TableHead>
              <TableRow>
                <TableCell>Day</TableCell>
                {COLUMNS.map(([key, label]) => (
                  <TableCell key={key}>{label}</TableCell>
                ))}
                <TableCell>Revenue</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {summary.by_day.map((row) => (
                <TableRow key={String(row.day)}>
                  <TableCell>{row.day}</TableCell>
                  {COLUMNS.map(([key]) => (
                    <TableCell key={key}>{row[key] ?? 'n/a'}</TableCell>
                  ))}
                  <TableCell>{money(row.revenue)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </CardContent>
      </Card>
    </div>
  );
}
