import { Button, Stack, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import {
  BooleanField,
  Create,
  Datagrid,
  DateField,
  List,
  NumberField,
  NumberInput,
  SelectInput,
  Show,
  SimpleForm,
  SimpleShowLayout,
  TextField,
  TextInput,
  useNotify,
  useRecordContext,
  useRefresh,
} from 'react-admin';
import { api } from './session';

type Row = Record<string, unknown> & { id: string };

const choices = (values: string[]) => values.map((id) => ({ id, name: id }));
const money = (minor: unknown, currency: unknown) => `${(Number(minor) / 100).toFixed(2)} ${String(currency ?? '')}`;

/** A button that asks for a reason (required or not), calls the admin API, then refreshes the view. */
function ActButton(props: { label: string; path: string; question: string; required: boolean; body?: Record<string, unknown>; color?: 'error' | 'primary' }) {
  const notify = useNotify();
  const refresh = useRefresh();
  const act = async () => {
    const reason = window.prompt(props.question) ?? undefined;
    if (props.required && !reason) return;
    try {
      await api(props.path, { method: 'POST', body: { ...(props.body ?? {}), ...(reason ? { reason } : {}) } });
      notify(`${props.label}: done`, { type: 'success' });
      refresh();
    } catch (error) {
      notify((error as Error).message, { type: 'error' });
    }
  };
  return (
    <Button size="small" variant="outlined" color={props.color ?? 'primary'} onClick={(event) => (event.stopPropagation(), void act())}>
      {props.label}
    </Button>
  );
}

function Rows(props: { source: string; columns: string[]; label: string }) {
  const record = useRecordContext<Row>();
  const rows = (record?.[props.source] as Row[] | undefined) ?? [];
  return (
    <Table size="small" aria-label={props.label}>
      <TableHead>
        <TableRow>
          {props.columns.map((column) => (
            <TableCell key={column}>{column}</TableCell>
          ))}
        </TableRow>
      </TableHead>
      <TableBody>
        {rows.map((row, index) => (
          <TableRow key={String(row.id ?? row.posting_id ?? index)}>
            {props.columns.map((column) => (
              <TableCell key={column}>{String(row[column] ?? '')}</TableCell>
            ))}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

// ---------------------------------------------------------------- orders and payments

const ORDER_STATUSES = ['pending', 'awaiting_payment', 'paid', 'confirmed', 'shipped', 'delivered', 'cancelled', 'partially_refunded', 'refunded'];

const orderFilters = [
  <SelectInput key="status" source="status" choices={choices(ORDER_STATUSES)} alwaysOn />,
  <TextInput key="organization_id" source="organization_id" label="Seller (organization id)" />,
  <TextInput key="buyer_user_id" source="buyer_user_id" label="Buyer (user id)" />,
  <TextInput key="from" source="from" label="Created from (ISO date-time)" />,
  <TextInput key="to" source="to" label="Created before (ISO date-time)" />,
];

export const OrderList = () => (
  <List filters={orderFilters} exporter={false} sort={{ field: 'created_at', order: 'DESC' }}>
    <Datagrid rowClick="show" bulkActionButtons={false}>
      <DateField source="created_at" showTime />
      <TextField source="status" />
      <NumberField source="total_minor" label="Total (minor)" />
      <TextField source="currency" sortable={false} />
      <TextField source="seller_org_id" label="Seller" sortable={false} />
      <TextField source="buyer_user_id" label="Buyer" sortable={false} />
      <DateField source="paid_at" showTime />
    </Datagrid>
  </List>
);

export const OrderShow = () => (
  <Show title="Order">
    <SimpleShowLayout>
      <TextField source="id" />
      <TextField source="status" />
      <NumberField source="total_minor" label="Total (minor)" />
      <NumberField source="refunded_minor" label="Refunded (minor)" />
      <TextField source="currency" />
      <TextField source="seller_org_id" label="Seller" />
      <TextField source="buyer_user_id" label="Buyer" />
      <TextField source="discount_code" />
      <DateField source="created_at" showTime />
      <DateField source="paid_at" showTime />
      <Typography variant="h6">Lines</Typography>
      <Rows source="lines" label="lines" columns={['title', 'kind', 'quantity', 'unit_price_minor', 'discount_minor']} />
      <Typography variant="h6">Payments</Typography>
      <Rows source="payments" label="payments" columns={['attempt', 'method', 'status', 'amount_minor', 'provider_ref', 'failure_reason', 'created_at']} />
      <Typography variant="h6">Refunds</Typography>
      <Rows source="refunds" label="refunds" columns={['id', 'status', 'amount_minor', 'reason', 'decision_reason', 'created_at']} />
    </SimpleShowLayout>
  </Show>
);

const paymentFilters = [
  <SelectInput
    key="status"
    source="status"
    choices={choices(['requires_payment', 'processing', 'succeeded', 'failed', 'cancelled', 'returning', 'returned'])}
    alwaysOn
  />,
  <SelectInput key="method" source="method" choices={choices(['card', 'wallet', 'cash', 'razorpay', 'free'])} />,
  <TextInput key="organization_id" source="organization_id" label="Seller (organization id)" />,
  <TextInput key="order_id" source="order_id" label="Order id" />,
];

export const PaymentList = () => (
  <List filters={paymentFilters} exporter={false} sort={{ field: 'created_at', order: 'DESC' }}>
    <Datagrid bulkActionButtons={false}>
      <DateField source="created_at" showTime />
      <TextField source="status" />
      <TextField source="method" sortable={false} />
      <NumberField source="amount_minor" label="Amount (minor)" />
      <TextField source="currency" sortable={false} />
      <TextField source="order_id" label="Order" sortable={false} />
      <TextField source="failure_reason" sortable={false} />
    </Datagrid>
  </List>
);

// ---------------------------------------------------------------- refunds

function RefundDecision() {
  const record = useRecordContext<Row>();
  if (!record || (record.status !== 'requested' && record.status !== 'approved')) return null;
  return (
    <Stack direction="row" spacing={1}>
      <ActButton
        label="Approve"
        path={`/admin/refunds/${record.id}/decision`}
        body={{ decision: 'approve' }}
        question="Why approve this refund? (the money goes back at once)"
        required
      />
      {record.status === 'requested' && (
        <ActButton
          label="Reject"
          color="error"
          path={`/admin/refunds/${record.id}/decision`}
          body={{ decision: 'reject' }}
          question="Why reject this refund?"
          required
        />
      )}
    </Stack>
  );
}

const refundFilters = [
  <SelectInput key="status" source="status" choices={choices(['requested', 'approved', 'completed', 'rejected'])} alwaysOn />,
  <TextInput key="organization_id" source="organization_id" label="Seller (organization id)" />,
  <TextInput key="order_id" source="order_id" label="Order id" />,
];

export const RefundList = () => (
  <List filters={refundFilters} filterDefaultValues={{ status: 'requested' }} exporter={false} sort={{ field: 'created_at', order: 'DESC' }}>
    <Datagrid rowClick="show" bulkActionButtons={false}>
      <DateField source="created_at" showTime />
      <TextField source="status" />
      <NumberField source="amount_minor" label="Amount (minor)" />
      <TextField source="currency" sortable={false} />
      <TextField source="reason" sortable={false} />
      <TextField source="order_id" label="Order" sortable={false} />
      <RefundDecision />
    </Datagrid>
  </List>
);

export const RefundShow = () => (
  <Show title="Refund">
    <SimpleShowLayout>
      <TextField source="id" />
      <TextField source="status" />
      <NumberField source="amount_minor" label="Amount (minor)" />
      <TextField source="currency" />
      <TextField source="reason" />
      <TextField source="decision_reason" />
      <TextField source="order_id" label="Order" />
      <TextField source="org_id" label="Seller" />
      <DateField source="created_at" showTime />
      <RefundDecision />
    </SimpleShowLayout>
  </Show>
);

// ---------------------------------------------------------------- payouts

function PayoutRetry() {
  const record = useRecordContext<Row>();
  if (record?.status !== 'failed') return null;
  return <ActButton label="Retry" path={`/admin/payouts/${record.id}/retry`} question="Why retry now? (optional)" required={false} />;
}

function PayoutLines() {
  const record = useRecordContext<Row & { lines?: { data: Row[] } }>();
  const rows = record?.lines?.data ?? [];
  return (
    <Table size="small" aria-label="statement">
      <TableHead>
        <TableRow>
          {['occurred_at', 'kind', 'reference', 'amount_minor'].map((column) => (
            <TableCell key={column}>{column}</TableCell>
          ))}
        </TableRow>
      </TableHead>
      <TableBody>
        {rows.map((line) => (
          <TableRow key={String(line.posting_id)}>
            <TableCell>{new Date(String(line.occurred_at)).toLocaleString()}</TableCell>
            <TableCell>{String(line.kind)}</TableCell>
            <TableCell>{String(line.reference)}</TableCell>
            <TableCell>{money(line.amount_minor, record?.currency)}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

const payoutFilters = [
  <SelectInput key="status" source="status" choices={choices(['requested', 'paid', 'failed'])} alwaysOn />,
  <TextInput key="organization_id" source="organization_id" label="Seller (organization id)" />,
  <TextInput key="period" source="period" label="Period (YYYY-MM)" />,
];

export const PayoutList = () => (
  <List filters={payoutFilters} exporter={false} sort={{ field: 'created_at', order: 'DESC' }}>
    <Datagrid rowClick="show" bulkActionButtons={false}>
      <TextField source="period" />
      <TextField source="status" />
      <NumberField source="amount_minor" label="Amount (minor)" />
      <TextField source="currency" sortable={false} />
      <NumberField source="attempt" sortable={false} />
      <TextField source="org_id" label="Seller" sortable={false} />
      <TextField source="failure_reason" sortable={false} />
      <DateField source="created_at" showTime />
      <PayoutRetry />
    </Datagrid>
  </List>
);

export const PayoutShow = () => (
  <Show title="Payout">
    <SimpleShowLayout>
      <TextField source="id" />
      <TextField source="period" />
      <TextField source="status" />
      <NumberField source="amount_minor" label="Amount (minor)" />
      <TextField source="currency" />
      <NumberField source="attempt" />
      <TextField source="destination" />
      <TextField source="transfer_id" />
      <TextField source="failure_reason" />
      <DateField source="paid_at" showTime />
      <PayoutRetry />
      <Typography variant="h6">Statement</Typography>
      <PayoutLines />
      <Typography variant="h6">Transfers</Typography>
      <Rows
        source="transfers"
        label="transfers"
        columns={['transfer_group', 'amount_minor', 'status', 'attempt', 'transfer_id', 'source_transaction', 'failure_reason']}
      />
    </SimpleShowLayout>
  </Show>
);

// ---------------------------------------------------------------- discounts

function DiscountDeactivate() {
  const record = useRecordContext<Row>();
  if (!record?.active) return null;
  return <ActButton label="Deactivate" color="error" path={`/admin/discounts/${record.id}/deactivate`} question="Why deactivate this code?" required />;
}

const discountFilters = [
  <TextInput key="code" source="code" label="Code" alwaysOn />,
  <SelectInput
    key="active"
    source="active"
    choices={[
      { id: 'true', name: 'active' },
      { id: 'false', name: 'inactive' },
    ]}
  />,
  <TextInput key="organization_id" source="organization_id" label="Seller (organization id)" />,
];

export const DiscountList = () => (
  <List filters={discountFilters} exporter={false} sort={{ field: 'created_at', order: 'DESC' }}>
    <Datagrid bulkActionButtons={false}>
      <TextField source="code" />
      <TextField source="type" sortable={false} />
      <NumberField source="percent_bps" label="Percent (bps)" sortable={false} />
      <NumberField source="amount_minor" label="Amount (minor)" sortable={false} />
      <NumberField source="uses_count" label="Uses" />
      <BooleanField source="active" sortable={false} />
      <TextField source="org_id" label="Seller" sortable={false} />
      <DateField source="created_at" />
      <DiscountDeactivate />
    </Datagrid>
  </List>
);

// ---------------------------------------------------------------- featured placements

function FeaturedEnd() {
  const record = useRecordContext<Row>();
  if (!record || record.state === 'ended') return null;
  return (
    <ActButton label="End now" color="error" path={`/admin/featured-placements/${record.id}/end`} question="Why end it early? (optional)" required={false} />
  );
}

const featuredFilters = [
  <SelectInput key="state" source="state" choices={choices(['scheduled', 'running', 'ended'])} alwaysOn />,
  <TextInput key="listing_id" source="listing_id" label="Listing id" />,
  <TextInput key="organization_id" source="organization_id" label="Seller (organization id)" />,
];

export const FeaturedList = () => (
  <List filters={featuredFilters} exporter={false} sort={{ field: 'created_at', order: 'DESC' }} title="Featured placements">
    <Datagrid bulkActionButtons={false}>
      <TextField source="listing_title" sortable={false} />
      <TextField source="state" sortable={false} />
      <NumberField source="rank" />
      <DateField source="starts_at" showTime />
      <DateField source="ends_at" showTime />
      <DateField source="created_at" showTime />
      <FeaturedEnd />
    </Datagrid>
  </List>
);

export const FeaturedCreate = () => (
  <Create title="Feature a published listing" redirect="list">
    <SimpleForm>
      <TextInput source="listing_id" label="Listing id" />
      <TextInput source="starts_at" label="Starts at (ISO date-time)" />
      <TextInput source="ends_at" label="Ends at (ISO date-time)" />
      <NumberInput source="rank" min={1} max={1000} defaultValue={1} />
    </SimpleForm>
  </Create>
);
