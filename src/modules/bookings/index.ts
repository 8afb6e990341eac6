/**
 * The bookings context owns: service categories, services, per-model prices, shops' hours and bays, appointments, staff portal.
 * Not built yet. Its public surface (the Nest module, its facade, event and DTO
 * types) is exported from here and nowhere else; see ARCHITECTURE.md section 3.
 */
export {};
