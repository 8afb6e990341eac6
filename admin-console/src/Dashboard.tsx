import { useEffect, useState } from 'react';
import { Card, CardContent, CardHeader, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { Title } from 'react-admin';
import { api } from './session';

interface Summary {
  since: string;
  days: number;
  totals: Record<string, number | null>;
  by_day: Array<Record<string, string | number | null>>;
  waiting_for_review: number;
  failed_jobs: number;
  revenue: Array<{ currency: string; amount_minor: number }>;
}

const COLUMNS: Array<[string, string]> = [
  ['signups', 'Sign-ups'],
  ['orders', 'Orders paid'],
  ['bookings', 'Bookings'],
  ['listings_created', 'Listings created'],
  ['failed_jobs', 'Failed jobs'],
];

/** The operators' dashboard: GET /api/v1/admin/dashboard. */
export function Dashboard() {
  const [summary, setSummary] = useState<Summary>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    api<Summary>('/admin/dashboard?days=14').then(setSummary, (failure: Error) => setError(failure.message));
  }, []);
  if (error) return <Typography color="error">{error}</Typography>;
  if (!summary) return <Typography>Loading…</Typography>;
  const tiles: Array<[string, string]> = [
    ['Listings waiting for review', String(summary.waiting_for_review)],
    ['Failed jobs', String(summary.failed_jobs)],
    ...COLUMNS.map(([key, label]): [string, string] => [`${label} (${summary.days} days)`, summary.totals[key] === null ? 'n/a' : String(summary.totals[key])]),
    ['Revenue', summary.revenue.map((line) => `${(line.amount_minor / 100).toFixed(2)} ${line.currency}`).join(', ') || '0'],
  ];
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 16, marginTop: 16 }}>
      <Title title="Dashboard" />
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
              </TableRow>
            </TableHead>
            <TableBody>
              {summary.by_day.map((row) => (
                <TableRow key={String(row.day)}>
                  <TableCell>{row.day}</TableCell>
                  {COLUMNS.map(([key]) => (
                    <TableCell key={key}>{row[key] ?? 'n/a'}</TableCell>
                  ))}
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </CardContent>
      </Card>
    </div>
  );
}
