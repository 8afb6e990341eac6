import { Button } from '@mui/material';
import {
  AutocompleteInput,
  Create,
  Datagrid,
  DateField,
  Edit,
  List,
  NumberInput,
  ReferenceArrayInput,
  ReferenceInput,
  SelectArrayInput,
  SelectInput,
  SimpleForm,
  TextField,
  TextInput,
  required,
  useNotify,
  useRecordContext,
  useRefresh,
  useResourceContext,
} from 'react-admin';
import { api } from './session';

/** Vehicle types, brands and models: /admin/catalog/... (lists with search and status, edit forms, retire). */

const CATALOG_PATHS: Record<string, string> = {
  'vehicle-types': '/admin/catalog/vehicle-types',
  'vehicle-brands': '/admin/catalog/vehicle-brands',
  'vehicle-models': '/admin/catalog/vehicle-models',
};

const statusChoices = ['active', 'retired', 'all'].map((id) => ({ id, name: id }));

const catalogFilters = [
  <TextInput key="q" source="q" label="Search" alwaysOn />,
  <SelectInput key="status" source="status" choices={statusChoices} alwaysOn />,
];

function RetireButton() {
  const record = useRecordContext<{ id: string; name: string; status: string }>();
  const resource = useResourceContext();
  const notify = useNotify();
  const refresh = useRefresh();
  if (!record || !resource || record.status === 'retired') return null;
  const retire = async () => {
    if (!window.confirm(`Retire ${record.name}? It leaves the public lists but still resolves by id.`)) return;
    try {
      await api(`${CATALOG_PATHS[resource]}/${record.id}/retire`, { method: 'POST' });
      notify(`${record.name} retired`, { type: 'success' });
      refresh();
    } catch (error) {
      notify((error as Error).message, { type: 'error' });
    }
  };
  return (
    <Button size="small" color="error" onClick={(event) => (event.stopPropagation(), void retire())}>
      Retire
    </Button>
  );
}

export const VehicleTypeList = () => (
  <List filters={catalogFilters} filterDefaultValues={{ status: 'active' }} exporter={false} title="Vehicle types">
    <Datagrid rowClick="edit" bulkActionButtons={false}>
      <TextField source="name" />
      <TextField source="slug" />
      <TextField source="status" />
      <DateField source="updated_at" />
      <RetireButton />
    </Datagrid>
  </List>
);

export const VehicleBrandList = () => (
  <List
    filters={[
      ...catalogFilters,
      <ReferenceInput key="vehicle_type" source="vehicle_type" reference="vehicle-types">
        <SelectInput label="Vehicle type" optionText="name" />
      </ReferenceInput>,
    ]}
    filterDefaultValues={{ status: 'active' }}
    exporter={false}
    title="Vehicle brands"
  >
    <Datagrid rowClick="edit" bulkActionButtons={false}>
      <TextField source="name" />
      <TextField source="slug" />
      <TextField source="status" />
      <DateField source="updated_at" />
      <RetireButton />
    </Datagrid>
  </List>
);

export const VehicleModelList = () => (
  <List
    filters={[
      ...catalogFilters,
      <ReferenceInput key="vehicle_brand" source="vehicle_brand" reference="vehicle-brands">
        <AutocompleteInput label="Brand" optionText="name" filterToQuery={(q: string) => ({ q })} />
      </ReferenceInput>,
    ]}
    filterDefaultValues={{ status: 'active' }}
    exporter={false}
    title="Vehicle models"
  >
    <Datagrid rowClick="edit" bulkActionButtons={false}>
      <TextField source="vehicle_brand.name" label="Brand" />
      <TextField source="name" />
      <TextField source="vehicle_type.name" label="Type" />
      <TextField source="first_year" />
      <TextField source="last_year" />
      <TextField source="engine_cc" label="cc" />
      <TextField source="status" />
      <RetireButton />
    </Datagrid>
  </List>
);

const NameSlug = () => (
  <>
    <TextInput source="name" validate={required()} />
    <TextInput source="slug" helperText="Derived from the name when left empty on creation; changing it breaks old links" />
  </>
);

const TypesInput = () => (
  <ReferenceArrayInput source="vehicle_type_ids" reference="vehicle-types" perPage={100}>
    <SelectArrayInput label="Vehicle types made" optionText="name" validate={required()} />
  </ReferenceArrayInput>
);

const ModelFields = () => (
  <>
    <ReferenceInput source="vehicle_type_id" reference="vehicle-types" perPage={100}>
      <SelectInput label="Vehicle type" optionText="name" validate={required()} />
    </ReferenceInput>
    <NumberInput source="first_year" validate={required()} />
    <NumberInput source="last_year" helperText="Empty while still made" />
    <NumberInput source="engine_cc" label="Engine (cc)" helperText="Empty for electric" />
  </>
);

export const VehicleTypeEdit = () => (
  <Edit mutationMode="pessimistic">
    <SimpleForm>
      <NameSlug />
    </SimpleForm>
  </Edit>
);

export const VehicleTypeCreate = () => (
  <Create redirect="list">
    <SimpleForm>
      <NameSlug />
    </SimpleForm>
  </Create>
);

export const VehicleBrandEdit = () => (
  <Edit mutationMode="pessimistic">
    <SimpleForm>
      <NameSlug />
      <TypesInput />
    </SimpleForm>
  </Edit>
);

export const VehicleBrandCreate = () => (
  <Create redirect="list">
    <SimpleForm>
      <NameSlug />
      <TypesInput />
    </SimpleForm>
  </Create>
);

export const VehicleModelEdit = () => (
  <Edit mutationMode="pessimistic">
    <SimpleForm>
      <TextField source="vehicle_brand.name" label="Brand" />
      <NameSlug />
      <ModelFields />
    </SimpleForm>
  </Edit>
);

export const VehicleModelCreate = () => (
  <Create redirect="list">
    <SimpleForm>
      <ReferenceInput source="vehicle_brand_id" reference="vehicle-brands">
        <AutocompleteInput label="Brand" optionText="name" filterToQuery={(q: string) => ({ q })} validate={required()} />
      </ReferenceInput>
      <NameSlug />
      <ModelFields />
    </SimpleForm>
  </Create>
);
