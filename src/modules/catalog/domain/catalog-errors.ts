import { DomainError } from '../../../platform/kernel';

/** Every error code the catalog context raises on purpose. */
export const CATALOG_ERRORS = {
  validation: 'CATALOG.VALIDATION_FAILED',
  vehicleTypeNotFound: 'CATALOG.VEHICLE_TYPE_NOT_FOUND',
  vehicleBrandNotFound: 'CATALOG.VEHICLE_BRAND_NOT_FOUND',
  vehicleModelNotFound: 'CATALOG.VEHICLE_MODEL_NOT_FOUND',
  vehicleTypeSlugTaken: 'CATALOG.VEHICLE_TYPE_SLUG_TAKEN',
  vehicleBrandSlugTaken: 'CATALOG.VEHICLE_BRAND_SLUG_TAKEN',
  vehicleModelSlugTaken: 'CATALOG.VEHICLE_MODEL_SLUG_TAKEN',
  vehicleTypeInUse: 'CATALOG.VEHICLE_TYPE_IN_USE',
  unknownVehicleType: 'CATALOG.UNKNOWN_VEHICLE_TYPE',
  unknownVehicleBrand: 'CATALOG.UNKNOWN_VEHICLE_BRAND',
  vehicleTypeRetired: 'CATALOG.VEHICLE_TYPE_RETIRED',
  vehicleBrandRetired: 'CATALOG.VEHICLE_BRAND_RETIRED',
  vehicleTypeNotOffered: 'CATALOG.VEHICLE_TYPE_NOT_OFFERED_BY_BRAND',
} as const;

export type CatalogErrorCode = (typeof CATALOG_ERRORS)[keyof typeof CATALOG_ERRORS];

export const CatalogErrors = {
  validation: (errors: Record<string, string[]>) => new DomainError(CATALOG_ERRORS.validation, 'validation', 'The request has invalid fields.', { errors }),
  vehicleTypeNotFound: () => new DomainError(CATALOG_ERRORS.vehicleTypeNotFound, 'not_found', 'No such vehicle type.'),
  vehicleBrandNotFound: () => new DomainError(CATALOG_ERRORS.vehicleBrandNotFound, 'not_found', 'No such vehicle brand.'),
  vehicleModelNotFound: () => new DomainError(CATALOG_ERRORS.vehicleModelNotFound, 'not_found', 'No such vehicle model.'),
  vehicleTypeSlugTaken: () => new DomainError(CATALOG_ERRORS.vehicleTypeSlugTaken, 'conflict', 'Another vehicle type already has this slug.'),
  vehicleBrandSlugTaken: () => new DomainError(CATALOG_ERRORS.vehicleBrandSlugTaken, 'conflict', 'Another vehicle brand already has this slug.'),
  vehicleModelSlugTaken: () => new DomainError(CATALOG_ERRORS.vehicleModelSlugTaken, 'conflict', 'This brand already has a model with this slug.'),
  vehicleTypeInUse: () =>
    new DomainError(
      CATALOG_ERRORS.vehicleTypeInUse,
      'conflict',
      'The brand has models of a vehicle type being removed from it: move or keep those models first (retired ones count too).',
    ),
  unknownVehicleType: (field: string) =>
    new DomainError(CATALOG_ERRORS.unknownVehicleType, 'unprocessable', 'A referenced vehicle type does not exist.', {
      errors: { [field]: [`${field} does not name an existing vehicle type`] },
    }),
  unknownVehicleBrand: (field: string) =>
    new DomainError(CATALOG_ERRORS.unknownVehicleBrand, 'unprocessable', 'The referenced vehicle brand does not exist.', {
      errors: { [field]: [`${field} does not name an existing vehicle brand`] },
    }),
  vehicleTypeRetired: (field: string) =>
    new DomainError(CATALOG_ERRORS.vehicleTypeRetired, 'unprocessable', 'A referenced vehicle type is retired.', {
      errors: { [field]: [`${field} names a retired vehicle type`] },
    }),
  vehicleBrandRetired: (field: string) =>
    new DomainError(CATALOG_ERRORS.vehicleBrandRetired, 'unprocessable', 'The referenced vehicle brand is retired.', {
      errors: { [field]: [`${field} names a retired vehicle brand`] },
    }),
  vehicleTypeNotOffered: (field: string) =>
    new DomainError(CATALOG_ERRORS.vehicleTypeNotOffered, 'unprocessable', 'The brand does not make vehicles of this type: add the type to the brand first.', {
      errors: { [field]: [`${field} is not one of the brand's vehicle types`] },
    }),
};
