import { useState } from 'react';
import { Button, Stack, Table, TableBody, TableCell, TableHead, TableRow, TextField as MuiTextField, Typography } from '@mui/material';
import {
  BooleanField,
  BooleanInput,
  Datagrid,
  DateField,
  Edit,
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

const bookingFilters = [
  <SelectInput
    key="status"
    source="status"
    choices={['pending', 'confirmed', 'in_progress', 'completed', 'cancelled'].map((id) => ({ id, name: id }))}
    alwaysOn
  />,
  <TextInput key="shop_id" source="shop_id" label="Shop (organization id)" />,
  <TextInput key="from" source="from" label="Starting from (ISO date-time)" />,
  <TextInput key="to" source="to" label="Starting before (ISO date-time)" />,
];

export const BookingList = () => (
  <List filters={bookingFilters} exporter={false} sort={{ field: 'starts_at', order: 'DESC' }}>
    <Datagrid rowClick="show" bulkActionButtons={false}>
      <DateField source="starts_at" showTime />
      <TextField source="status" />
      <TextField source="customer_name" sortable={false} />
      <TextField source="customer_phone" sortable={false} />
      <NumberField source="total_minor" label="Total (minor)" />
      <TextField source="currency" sortable={false} />
      <TextField source="payment_status" sortable={false} />
      <TextField source="shop_id" label="Shop" sortable={false} />
      <DateField source="created_at" showTime />
    </Datagrid>
  </List>
);

function BookedServices() {
  const services =
    useRecordContext<{ services?: Array<{ service_id: string; name: string; price_minor: number; duration_minutes: number }> }>()?.services ?? [];
  return (
    <Table size="small" aria-label="services booked">
      <TableHead>
        <TableRow>
          <TableCell>Service</TableCell>
          <TableCell>Price (minor)</TableCell>
          <TableCell>Minutes</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {services.map((service) => (
          <TableRow key={service.service_id}>
            <TableCell>{service.name}</TableCell>
            <TableCell>{service.price_minor}</TableCell>
            <TableCell>{service.duration_minutes}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

export const BookingShow = () => (
  <Show title="Booking">
    <SimpleShowLayout>
      <TextField source="id" />
      <TextField source="status" />
      <TextField source="cancel_reason" />
      <TextField source="shop_id" label="Shop" />
      <TextField source="customer_name" />
      <TextField source="customer_phone" />
      <TextField source="customer_email" />
      <TextField source="vehicle_model_id" label="Vehicle model" />
      <TextField source="service_location" />
      <DateField source="starts_at" showTime />
      <DateField source="ends_at" showTime />
      <NumberField source="total_minor" label="Total (minor)" />
      <TextField source="currency" />
      <TextField source="payment_method" />
      <TextField source="payment_status" />
      <Typography variant="h6">Services</Typography>
      <BookedServices />
    </SimpleShowLayout>
  </Show>
);

const serviceFilters = [
  <TextInput key="q" source="q" label="Name" alwaysOn />,
  <TextInput key="shop_id" source="shop_id" label="Shop (organization id)" />,
  <SelectInput
    key="active"
    source="active"
    choices={[
      { id: 'true', name: 'active' },
      { id: 'false', name: 'inactive' },
    ]}
  />,
];

export const ShopServiceList = () => (
  <List filters={serviceFilters} exporter={false} sort={{ field: 'name', order: 'ASC' }} title="Services and pricing">
    <Datagrid rowClick="edit" bulkActionButtons={false}>
      <TextField source="name" />
      <TextField source="shop_name" sortable={false} />
      <TextField source="category_name" sortable={false} />
      <NumberField source="duration_minutes" label="Minutes" />
      <NumberField source="base_price_minor" label="Base price (minor)" />
      <BooleanField source="active" sortable={false} />
    </Datagrid>
  </List>
);

/** Per-model prices: set (a vehicle model id and a price) or remove one; each call is an admin operation, audited. */
function ModelPrices() {
  const record = useRecordContext<{ id: string; model_prices?: Array<{ vehicle_model_id: string; price_minor: number }> }>();
  const notify = useNotify();
  const refresh = useRefresh();
  const [model, setModel] = useState('');
  const [price, setPrice] = useState('');
  if (!record) return null;
  const call = async (work: () => Promise<unknown>) => {
    try {
      await work();
      notify('Saved', { type: 'success' });
      refresh();
    } catch (error) {
      notify((error as Error).message, { type: 'error' });
    }
  };
  const path = `/admin/shop-services/${record.id}/prices`;
  return (
    <Stack spacing={1}>
      <Typography variant="h6">Prices per vehicle model</Typography>
      <Table size="small" aria-label="model prices">
        <TableHead>
          <TableRow>
            <TableCell>Vehicle model</TableCell>
            <TableCell>Price (minor)</TableCell>
            <TableCell />
          </TableRow>
        </TableHead>
        <TableBody>
          {(record.model_prices ?? []).map((entry) => (
            <TableRow key={entry.vehicle_model_id}>
              <TableCell>{entry.vehicle_model_id}</TableCell>
              <TableCell>{entry.price_minor}</TableCell>
              <TableCell>
                <Button
                  size="small"
                  color="error"
                  onClick={() => void call(() => api(`${path}?vehicle_model_id=${encodeURIComponent(entry.vehicle_model_id)}`, { method: 'DELETE' }))}
                >
                  Remove
                </Button>
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <Stack direction="row" spacing={1}>
        <MuiTextField size="small" label="Vehicle model id" value={model} onChange={(event) => setModel(event.target.value)} />
        <MuiTextField size="small" label="Price (minor)" value={price} onChange={(event) => setPrice(event.target.value)} />
        <Button
          variant="outlined"
          onClick={() => void call(() => api(path, { method: 'PUT', body: { vehicle_model_id: model.trim(), price_minor: Number(price) } }))}
        >
          Set price
        </Button>
      </Stack>
    </Stack>
  );
}

export const ShopServiceEdit = () => (
  <Edit mutationMode="pessimistic" title="Service">
    <SimpleForm>
      <TextField source="shop_name" />
      <TextField source="category_name" />
      <TextInput source="name" />
      <TextInput source="description" multiline />
      <NumberInput source="duration_minutes" min={5} max={1440} />
      <NumberInput source="base_price_minor" label="Base price (minor)" min={0} />
      <BooleanInput source="active" />
      <TextInput source="reason" label="Why (kept in the audit log)" />
      <ModelPrices />
    </SimpleForm>
  </Edit>
);
